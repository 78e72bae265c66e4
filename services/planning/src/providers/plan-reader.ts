import type { DataSource } from 'typeorm';
import { PlanEntity } from '../store/entities';
import type { Viewer } from './scope';

/**
 * Plans the caller may read: published ones for everyone; drafts for network admins, analysts and
 * the organization's own officers. Newest period first.
 */
export async function visiblePlans(
  { dataSource, viewer }: { dataSource: DataSource; viewer: Viewer },
  filter: { id?: string; organizationId?: string | null; fiscalYear?: number | null },
): Promise<PlanEntity[]> {
  const query = dataSource.getRepository(PlanEntity).createQueryBuilder('plan');
  if (viewer.identity.role !== 'NETWORK_ADMIN' && viewer.identity.role !== 'ANALYST') {
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
