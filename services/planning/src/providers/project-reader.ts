import { decodeTimeIdCursor, pageSize, parseInput, toConnection, type Connection, type PageArgs } from '@pcc/subgraph-kit';
import * as rules from '../domain/inputs';
import { COORDINATION_STATUSES, FUNDING_SOURCES, PROJECT_STATUSES } from '../domain/vocabulary';
import { ProjectEntity } from '../store/entities';
import { Viewer, type RequestScope } from './scope';

export interface ProjectFilter {
  organizationId?: string | null;
  fiscalYear?: number | null;
  status?: string[] | null;
  fundingSource?: string | null;
  coordinationStatus?: string | null;
  delayed?: boolean | null;
}

/**
 * Reads of projects: the filtered, keyset-paginated list (newest first), with proposals hidden from
 * those who may not see them. An organization's list holds the projects it owns or is a partner of.
 * Talks to: this service's database.
 */
export class ProjectReader {
  constructor(private readonly scope: RequestScope, private readonly viewer: Viewer) {}

  async list(rawFilter: ProjectFilter | null | undefined, page: PageArgs): Promise<Connection<ProjectEntity>> {
    const filter = parseInput(rules.projectFilter, rawFilter, 'filter') ?? {};
    const first = pageSize(page.first);
    const after = decodeTimeIdCursor(page.after);
    const query = this.scope.dataSource.getRepository(ProjectEntity).createQueryBuilder('p');
    const visible = await this.viewer.visibleProjects();
    query.where(visible.where, visible.parameters);
    if (filter.organizationId) {
      query.andWhere('(p.owner_organization_id = :org OR EXISTS (SELECT 1 FROM project_partner pp WHERE pp.project_id = p.id AND pp.organization_id = :org))', { org: filter.organizationId });
    }
    if (filter.fiscalYear) query.andWhere('p.fiscal_year = :year', { year: filter.fiscalYear });
    if (filter.status?.length) query.andWhere('p.status IN (:...status)', { status: filter.status.filter((s) => (PROJECT_STATUSES as readonly string[]).includes(s)) });
    if (filter.fundingSource && (FUNDING_SOURCES as readonly string[]).includes(filter.fundingSource)) query.andWhere('p.funding_source = :funding', { funding: filter.fundingSource });
    if (filter.coordinationStatus && (COORDINATION_STATUSES as readonly string[]).includes(filter.coordinationStatus)) query.andWhere('p.coordination_status = :coordination', { coordination: filter.coordinationStatus });
    if (typeof filter.delayed === 'boolean') query.andWhere('p.delayed = :delayed', { delayed: filter.delayed });
    const totalCount = await query.getCount();
    if (after) query.andWhere('(p.created_at, p.id) < (:afterAt, :afterId)', { afterAt: after.at, afterId: after.id });
    const rows = await query.orderBy('p.created_at', 'DESC').addOrderBy('p.id', 'DESC').limit(first + 1).getMany();
    return toConnection(rows, first, totalCount, (p) => [p.createdAt.toISOString(), p.id]);
  }
}
