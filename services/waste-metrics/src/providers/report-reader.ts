import {
  badInput,
  decodeCursor,
  pageSize,
  parseInput,
  toConnection,
  type Connection,
  type PageArgs,
  type RequestScope,
} from '@pcc/subgraph-kit';
import * as rules from '../domain/inputs';
import { WasteReportEntity } from '../store/entities';
import { provinceSummary, type ProvinceSummary } from './province';
import { missingReports, type MissingReport } from './missing-reports';
import { rankingPerResident } from './per-resident';
import type { ReportingSettings } from '../domain/deadlines';
import type { PopulationFigures } from '../domain/population';
import type { KeptSummaries } from '../store/kept-summaries';

export interface ReportFilter {
  organizationId?: string | null;
  fiscalYear?: number | null;
  includeRevisions?: boolean | null;
}

/** Reads of reports (newest month first, keyset-paginated; only latest revisions unless asked) and the province's year. */
export class ReportReader {
  constructor(
    private readonly scope: RequestScope,
    private readonly kept: KeptSummaries<ProvinceSummary>,
    private readonly settings: { reporting: ReportingSettings; population: PopulationFigures | null; now: () => Date },
  ) {}

  /** The PAO's reason for returning a report is for staff, as the reporter's name. */
  async returnReason(report: WasteReportEntity): Promise<string | null> {
    return (await this.scope.viewer.canActFor(report.organizationId)) ? report.returnReason : null;
  }

  /** Reports due and not in (the organization's, when given), latest month first. */
  missing(rawOrganizationId: unknown): Promise<MissingReport[]> {
    const organizationId =
      rawOrganizationId === null || rawOrganizationId === undefined
        ? null
        : parseInput(rules.id, rawOrganizationId, 'organizationId');
    return missingReports(this.scope.dataSource, this.settings.reporting, this.settings.now(), organizationId);
  }

  /** The province's ranking read per resident, with the population figures' source. */
  perResident(summary: ProvinceSummary) {
    const figures = this.settings.population;
    return {
      ranking: rankingPerResident(summary.ranking, figures),
      source: figures ? `${figures.source} (as of ${figures.asOf})` : null,
    };
  }

  /** The reporter's name is for staff: network admins and the organization's own officers. */
  async reporterName(report: WasteReportEntity): Promise<string | null> {
    return (await this.scope.viewer.canActFor(report.organizationId)) ? report.reporterName : null;
  }

  /** The province's year, kept between changes to any organization's waste figures. */
  provinceSummary(rawFiscalYear: unknown): Promise<ProvinceSummary> {
    const fiscalYear = parseInput(rules.fiscalYear, rawFiscalYear, 'fiscalYear');
    return this.kept.provinceYear(fiscalYear, () => provinceSummary(this.scope.dataSource, fiscalYear, this.kept));
  }

  async list(filter: ReportFilter | null | undefined, page: PageArgs): Promise<Connection<WasteReportEntity>> {
    const first = pageSize(page.first);
    const after = decodeCursor(page.after, 3);
    const query = this.scope.dataSource.getRepository(WasteReportEntity).createQueryBuilder('r');
    if (!filter?.includeRevisions) query.andWhere('r.latest');
    if (filter?.organizationId)
      query.andWhere('r.organization_id = :org', {
        org: parseInput(rules.id, filter.organizationId, 'filter.organizationId'),
      });
    if (filter?.fiscalYear !== undefined && filter?.fiscalYear !== null)
      query.andWhere('r.fiscal_year = :fy', {
        fy: parseInput(rules.fiscalYear, filter.fiscalYear, 'filter.fiscalYear'),
      });
    const totalCount = await query.getCount();
    if (after) {
      const [m, o, v] = [String(after[0]), String(after[1]), Number(after[2])];
      if (!/^\d{4}-\d{2}$/.test(m) || !rules.id.safeParse(o).success || !Number.isInteger(v))
        throw badInput('after is not a cursor this list gave out', { after: 'malformed cursor' });
      query.andWhere('(r.month, r.organization_id, r.revision) < (:m, :o, :v)', { m, o, v });
    }
    const rows = await query
      .orderBy('r.month', 'DESC')
      .addOrderBy('r.organization_id', 'DESC')
      .addOrderBy('r.revision', 'DESC')
      .limit(first + 1)
      .getMany();
    return toConnection(rows, first, totalCount, (r) => [r.month, r.organizationId, r.revision]);
  }
}
