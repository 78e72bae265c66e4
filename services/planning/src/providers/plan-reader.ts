import { parseOptional } from '@pcc/subgraph-kit';
import * as rules from '../domain/inputs';
import { PlanEntity } from '../store/entities';
import type { RequestScope } from './scope';

export interface PlanFilter {
  id?: string;
  organizationId?: string | null;
  fiscalYear?: number | null;
}

/**
 * Plans the caller may read: published ones for everyone; drafts for network admins, analysts and
 * the organization's own officers. Newest period first. Talks to: this service's database.
 */
export class PlanReader {
  constructor(private readonly scope: RequestScope) {}

  list(organizationId: unknown, fiscalYear: unknown): Promise<PlanEntity[]> {
    return this.visible({
      organizationId: parseOptional(rules.id, organizationId, 'organizationId'),
      fiscalYear: parseOptional(rules.fiscalYear, fiscalYear, 'fiscalYear'),
    });
  }

  /** A plan by id; an id that is none finds nothing. */
  async byId(id: unknown): Promise<PlanEntity | null> {
    const parsed = rules.id.safeParse(id);
    return parsed.success ? ((await this.visible({ id: parsed.data }))[0] ?? null) : null;
  }

  private async visible(filter: PlanFilter): Promise<PlanEntity[]> {
    const { dataSource, viewer } = this.scope;
    const query = dataSource.getRepository(PlanEntity).createQueryBuilder('plan');
    if (!viewer.is('NETWORK_ADMIN', 'ANALYST')) {
      const own = await viewer.organizationId();
      query.where(own ? "(plan.status = 'PUBLISHED' OR plan.organization_id = :own)" : "plan.status = 'PUBLISHED'", {
        own,
      });
    }
    if (filter.id) query.andWhere('plan.id = :id', { id: filter.id });
    if (filter.organizationId) query.andWhere('plan.organization_id = :org', { org: filter.organizationId });
    if (filter.fiscalYear)
      query.andWhere(':year BETWEEN plan.first_fiscal_year AND plan.last_fiscal_year', { year: filter.fiscalYear });
    return query.orderBy('plan.first_fiscal_year', 'DESC').addOrderBy('plan.created_at', 'DESC').limit(200).getMany();
  }
}
