import type { EntityManager } from 'typeorm';
import {
  badInput,
  conflict,
  notFound,
  parseInput,
  parseOptional,
  type Identity,
  type RequestScope,
} from '@pcc/subgraph-kit';
import { OrganizationProjection, requireActiveOrganization } from '@pcc/organization-projection';
import { fiscalYearOfMonth } from '@pcc/fiscal-year';
import * as rules from '../domain/inputs';
import { toTonnes } from '../domain/tonnes';
import { totalKg, validateReport, type ReportFigures } from '../domain/validation';
import { emitWasteEvent, reportSnapshot } from '../events/waste-events';
import { WasteReportEntity } from '../store/entities';
import { reassessRisk } from './risk';

/** The request's scope; `now` pins the clock in tests. */
export type ReportScope = RequestScope & { now?: () => Date };

export interface ReportInput {
  organizationId: string;
  month: string;
  byStream: { general: string; organic: string; recyclable: string; hazardous: string };
  byDestination: { incinerated: string; landfilled: string; recycled: string; composted: string };
  note?: string | null;
}

export const figuresOf = (input: ReportInput): ReportFigures => ({
  month: input.month,
  byStream: {
    GENERAL: input.byStream.general,
    ORGANIC: input.byStream.organic,
    RECYCLABLE: input.byStream.recyclable,
    HAZARDOUS: input.byStream.hazardous,
  },
  byDestination: {
    INCINERATED: input.byDestination.incinerated,
    LANDFILLED: input.byDestination.landfilled,
    RECYCLED: input.byDestination.recycled,
    COMPOSTED: input.byDestination.composted,
  },
});

/**
 * Monthly reports and baselines: who may write them, the waste rules, revisions (a correction never
 * overwrites), the events, and the at-risk judgement that follows each change.
 * Talks to: this service's database (reports, baselines, projection, outbox).
 */
export class ReportManager {
  constructor(private readonly scope: ReportScope) {}

  submit(raw: ReportInput): Promise<WasteReportEntity> {
    return this.scope.dataSource.transaction((tx) => this.write(tx, raw, 'submit'));
  }

  correct(raw: ReportInput): Promise<WasteReportEntity> {
    return this.scope.dataSource.transaction((tx) => this.write(tx, raw, 'correct'));
  }

  /** Checks one report against every rule; returns the problems (field → message), none when valid. */
  async problems(tx: EntityManager, input: ReportInput): Promise<Record<string, string>> {
    const organization = await tx.getRepository(OrganizationProjection).findOneBy({ id: input.organizationId });
    const problems = validateReport(figuresOf(input), {
      now: (this.scope.now ?? (() => new Date()))(),
      establishedOn: organization?.establishedOn ?? null,
    });
    if (input.note !== undefined && !rules.note.safeParse(input.note).success)
      problems.note = 'must be at most 1000 printable characters';
    return problems;
  }

  /** Submit (first report of the month) or correct (a new revision); `upsert` picks by what exists (imports). */
  async write(tx: EntityManager, raw: ReportInput, mode: 'submit' | 'correct' | 'upsert'): Promise<WasteReportEntity> {
    const organizationId = parseInput(rules.id, raw.organizationId, 'input.organizationId');
    await requireActiveOrganization(tx, organizationId, 'input.organizationId');
    await this.requireActFor(organizationId);
    const problems = await this.problems(tx, raw);
    if (Object.keys(problems).length) {
      throw badInput(
        `Invalid report: ${Object.entries(problems)
          .map(([f, m]) => `${f}: ${m}`)
          .join('; ')}`,
        Object.fromEntries(Object.entries(problems).map(([f, m]) => [`input.${f}`, m])),
      );
    }
    // Serialise writers of one organization (the revision number and `latest` flag depend on it), the
    // key of its events: two writes of one organization then commit, and publish, one after the other.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`waste|${organizationId}`]);
    const current = await tx
      .getRepository(WasteReportEntity)
      .findOneBy({ organizationId, month: raw.month, latest: true });
    if (mode === 'submit' && current)
      throw conflict(`${raw.month} is already reported (revision ${current.revision}); send a correction`);
    if (mode === 'correct' && !current) throw notFound('Report of', `${raw.month} for ${organizationId}`);
    if (current) await tx.getRepository(WasteReportEntity).update({ id: current.id }, { latest: false });
    const figures = figuresOf(raw);
    const report = await tx.getRepository(WasteReportEntity).save(
      tx.getRepository(WasteReportEntity).create({
        organizationId,
        month: raw.month,
        fiscalYear: fiscalYearOfMonth(raw.month),
        revision: (current?.revision ?? 0) + 1,
        latest: true,
        general: raw.byStream.general,
        organic: raw.byStream.organic,
        recyclable: raw.byStream.recyclable,
        hazardous: raw.byStream.hazardous,
        incinerated: raw.byDestination.incinerated,
        landfilled: raw.byDestination.landfilled,
        recycled: raw.byDestination.recycled,
        composted: raw.byDestination.composted,
        totalTonnes: toTonnes(totalKg(figures)),
        reporterSub: this.scope.identity.sub,
        reporterName: this.scope.identity.sub,
        submittedAt: new Date(),
        note: raw.note ?? null,
        reviewStatus: 'SUBMITTED',
        reviewedAt: null,
        reviewedBy: null,
        returnReason: null,
      }),
    );
    // Numeric columns come back as strings with PostgreSQL's scale: re-read for the event.
    const saved = await tx.getRepository(WasteReportEntity).findOneByOrFail({ id: report.id });
    await emitWasteEvent(
      tx,
      current ? 'report-corrected' : 'report-submitted',
      organizationId,
      this.scope.identity,
      current
        ? { report: reportSnapshot(saved), previousRevision: current.revision }
        : { report: reportSnapshot(saved) },
      this.scope.traceparent,
    );
    if (mode !== 'upsert')
      await reassessRisk(tx, organizationId, saved.fiscalYear, this.scope.identity, this.scope.traceparent);
    return saved;
  }

  async setBaseline(
    rawOrganizationId: unknown,
    rawFiscalYear: unknown,
    rawTonnes: unknown,
  ): Promise<{ organizationId: string; fiscalYear: number | null; tonnes: string | null }> {
    await this.scope.viewer.assert('waste:setBaseline');
    const organizationId = parseInput(rules.id, rawOrganizationId, 'organizationId');
    const hasYear = rawFiscalYear !== null && rawFiscalYear !== undefined;
    const hasTonnes = rawTonnes !== null && rawTonnes !== undefined;
    if (hasYear === hasTonnes)
      throw badInput('Give either a fiscal year or tonnes', { fiscalYear: 'either this', tonnes: 'or this' });
    const fiscalYear = parseOptional(rules.fiscalYear, rawFiscalYear, 'fiscalYear');
    const tonnes = parseOptional(rules.baselineTonnes, rawTonnes, 'tonnes');
    return this.scope.dataSource.transaction(async (tx) => {
      await requireActiveOrganization(tx, organizationId, 'organizationId');
      await storeBaseline(tx, organizationId, fiscalYear, tonnes, 'ADMIN', this.scope.identity, this.scope.traceparent);
      return { organizationId, fiscalYear, tonnes };
    });
  }

  /** NETWORK_ADMIN acts for any organization; an LGO officer only for their own. */
  requireActFor(organizationId: string): Promise<void> {
    return this.scope.viewer.assert('waste:report', organizationId);
  }
}

/** Sets a baseline (fiscal year or tonnes), emits `waste.baseline-set`, and re-judges the years it moves. */
export async function storeBaseline(
  tx: EntityManager,
  organizationId: string,
  fiscalYear: number | null,
  tonnes: string | null,
  source: 'ADMIN' | 'AGREEMENT',
  identity: Identity,
  traceparent?: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO waste_baseline (organization_id, fiscal_year, tonnes, source) VALUES ($1, $2, $3, $4)
     ON CONFLICT (organization_id) DO UPDATE SET fiscal_year = EXCLUDED.fiscal_year, tonnes = EXCLUDED.tonnes, source = EXCLUDED.source, set_at = now()`,
    [organizationId, fiscalYear, tonnes, source],
  );
  // A fiscal-year baseline counts once the year is complete (as in the summaries): until then, no figure.
  const [{ total, months }]: [{ total: string | null; months: number }] =
    fiscalYear !== null
      ? await tx.query<[{ total: string; months: number }]>(
          'SELECT coalesce(sum(total_tonnes), 0)::text AS total, count(*)::int AS months FROM waste_report WHERE latest AND organization_id = $1 AND fiscal_year = $2',
          [organizationId, fiscalYear],
        )
      : [{ total: tonnes, months: 12 }];
  const baselineTonnes = months === 12 ? toTonnes(Math.round(Number(total) * 1000)) : null;
  await emitWasteEvent(
    tx,
    'baseline-set',
    organizationId,
    identity,
    { baselineTonnes, baselineFiscalYear: fiscalYear },
    traceparent,
    source === 'AGREEMENT',
  );
  const years: Array<{ fiscal_year: number }> = await tx.query(
    'SELECT DISTINCT fiscal_year FROM waste_report WHERE organization_id = $1 AND latest',
    [organizationId],
  );
  for (const { fiscal_year } of years) await reassessRisk(tx, organizationId, fiscal_year, identity, traceparent);
}
