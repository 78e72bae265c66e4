import { In, type SelectQueryBuilder } from 'typeorm';
import {
  decodeTimeIdCursor,
  nestedPageLoader,
  nestedPages,
  newestFirstPage,
  PARENT,
  pageSize,
  parseInput,
  type Connection,
  type PageArgs,
} from '@pcc/subgraph-kit';
import * as rules from '../domain/inputs';
import { COORDINATION_STATUSES, FUNDING_SOURCES, PROJECT_STATUSES } from '../domain/vocabulary';
import { ProjectEntity } from '../store/entities';
import type { Loaders } from '../store/loaders';
import { readsOfficialsWords, seesProposalsOf, visibleProjects } from './project-access';
import type { RequestScope } from './scope';

type ParsedFilter = NonNullable<ReturnType<typeof rules.projectFilter.parse>>;

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
  constructor(
    private readonly scope: RequestScope,
    private readonly loaders: Loaders,
  ) {}

  /** Whether the caller may see this project (proposals only for those who may). */
  async canSee(project: ProjectEntity): Promise<boolean> {
    if (project.approvedAt) return true;
    const partners = await this.loaders.partnersByProject.load(project.id);
    return seesProposalsOf(this.scope.viewer, [project.ownerOrganizationId, ...partners.map((p) => p.organization_id)]);
  }

  /** Whether the caller may read the officials' words on this project (see `readsOfficialsWords`). */
  async readsOfficialsWords(project: ProjectEntity): Promise<boolean> {
    const partners = await this.loaders.partnersByProject.load(project.id);
    return readsOfficialsWords(this.scope.viewer, [
      project.ownerOrganizationId,
      ...partners.map((p) => p.organization_id),
    ]);
  }

  /** A project by id, if the caller may see it. */
  async byId(id: string): Promise<ProjectEntity | null> {
    const project = await this.loaders.projectById.load(id);
    return project && (await this.canSee(project)) ? project : null;
  }

  /** The projects linked to a case that the caller may see. */
  async ofCase(caseId: string): Promise<ProjectEntity[]> {
    const projects = await this.loaders.projectsByCase.load(caseId);
    const visible = await Promise.all(projects.map((p) => this.canSee(p)));
    return projects.filter((_p, i) => visible[i]);
  }

  async list(rawFilter: ProjectFilter | null | undefined, page: PageArgs): Promise<Connection<ProjectEntity>> {
    const filter = parseInput(rules.projectFilter, rawFilter, 'filter') ?? {};
    const first = pageSize(page.first);
    const after = decodeTimeIdCursor(page.after);
    const org = filter.organizationId;
    const branches = org ? await this.organizationBranches(filter, ':org', { org }) : [await this.filtered(filter)];
    return newestFirstPage(branches, { alias: 'p', column: 'created_at', first, after, timeOf: (p) => p.createdAt });
  }

  /** `Organization.projects` under a list of organizations: one page each, for all of them at once. */
  readonly ofOrganization = nestedPageLoader<{ filter: ProjectFilter; page: PageArgs }, ProjectEntity>(
    async (organizationIds, { filter, page }) =>
      nestedPages(
        organizationIds,
        await this.organizationBranches(parseInput(rules.projectFilter, filter, 'filter') ?? {}, PARENT, {}),
        {
          dataSource: this.scope.dataSource,
          alias: 'p',
          column: 'created_at',
          direction: 'DESC',
          first: pageSize(page.first),
          after: decodeTimeIdCursor(page.after),
          load: (ids) => this.scope.dataSource.getRepository(ProjectEntity).findBy({ id: In(ids) }),
          keyOf: (p) => p.createdAt,
        },
      ),
  );

  /** Every filter but the organization's, on a fresh query, proposals hidden from who may not see them. */
  private async filtered(filter: ParsedFilter): Promise<SelectQueryBuilder<ProjectEntity>> {
    const visible = await visibleProjects(this.scope.viewer);
    const query = this.scope.dataSource
      .getRepository(ProjectEntity)
      .createQueryBuilder('p')
      .where(visible.where, visible.parameters);
    if (filter.fiscalYear) query.andWhere('p.fiscal_year = :year', { year: filter.fiscalYear });
    if (filter.status?.length)
      query.andWhere('p.status IN (:...status)', {
        status: filter.status.filter((s) => (PROJECT_STATUSES as readonly string[]).includes(s)),
      });
    if (filter.fundingSource && (FUNDING_SOURCES as readonly string[]).includes(filter.fundingSource))
      query.andWhere('p.funding_source = :funding', { funding: filter.fundingSource });
    if (filter.coordinationStatus && (COORDINATION_STATUSES as readonly string[]).includes(filter.coordinationStatus))
      query.andWhere('p.coordination_status = :coordination', { coordination: filter.coordinationStatus });
    if (typeof filter.delayed === 'boolean') query.andWhere('p.delayed = :delayed', { delayed: filter.delayed });
    return query;
  }

  /**
   * An organization's projects: those it owns and those it is a partner of, each through its index.
   * `org` is the organization in SQL: a parameter, or the parent of nested pages.
   */
  private async organizationBranches(
    filter: ParsedFilter,
    org: string,
    parameters: Record<string, unknown>,
  ): Promise<Array<SelectQueryBuilder<ProjectEntity>>> {
    return [
      (await this.filtered(filter)).andWhere(`p.owner_organization_id = ${org}`, parameters),
      (await this.filtered(filter))
        .innerJoin('project_partner', 'pp', `pp.project_id = p.id AND pp.organization_id = ${org}`, parameters)
        .andWhere(`p.owner_organization_id <> ${org}`, parameters),
    ];
  }
}
