import type { EntityManager } from 'typeorm';
import { summarize, type Baseline, type WasteSummary } from '../domain/summary';
import { toKg } from '../domain/tonnes';
import type { ReportFigures } from '../domain/validation';

type Row = {
  organization_id: string;
  month: string;
  fiscal_year: number;
  general: string;
  organic: string;
  recyclable: string;
  hazardous: string;
  incinerated: string;
  landfilled: string;
  recycled: string;
  composted: string;
};

const figuresOf = (r: Row): ReportFigures => ({
  month: r.month,
  byStream: { GENERAL: r.general, ORGANIC: r.organic, RECYCLABLE: r.recyclable, HAZARDOUS: r.hazardous },
  byDestination: { INCINERATED: r.incinerated, LANDFILLED: r.landfilled, RECYCLED: r.recycled, COMPOSTED: r.composted },
});

/**
 * Summaries of many organizations for one fiscal year in three queries whatever their number:
 * baselines and targets, then the latest reports of the year and of every baseline year.
 */
export async function summariesFor(
  manager: EntityManager,
  organizationIds: readonly string[],
  fiscalYear: number,
): Promise<Map<string, WasteSummary>> {
  const ids = [...new Set(organizationIds)];
  const settings: Array<{
    id: string;
    baseline_year: number | null;
    baseline_tonnes: string | null;
    target: string | null;
  }> = await manager.query(
    `SELECT o.id, b.fiscal_year AS baseline_year, b.tonnes AS baseline_tonnes, t.reduction_percent::text AS target
     FROM unnest($1::uuid[]) AS o(id)
     LEFT JOIN waste_baseline b ON b.organization_id = o.id
     LEFT JOIN waste_target t ON t.organization_id = o.id`,
    [ids],
  );
  const years = [
    ...new Set([fiscalYear, ...settings.map((s) => s.baseline_year).filter((y): y is number => y !== null)]),
  ];
  const rows: Row[] = await manager.query(
    `SELECT organization_id, month, fiscal_year, general::text, organic::text, recyclable::text, hazardous::text,
            incinerated::text, landfilled::text, recycled::text, composted::text
     FROM waste_report WHERE latest AND organization_id = ANY($1::uuid[]) AND fiscal_year = ANY($2::int[])`,
    [ids, years],
  );
  const byOrgYear = new Map<string, ReportFigures[]>();
  for (const row of rows) {
    const key = `${row.organization_id}|${row.fiscal_year}`;
    byOrgYear.set(key, [...(byOrgYear.get(key) ?? []), figuresOf(row)]);
  }
  const result = new Map<string, WasteSummary>();
  for (const s of settings) {
    let baseline: Baseline | null = null;
    if (s.baseline_tonnes !== null) baseline = { tonnesKg: toKg(s.baseline_tonnes) };
    else if (s.baseline_year !== null) {
      const reports = byOrgYear.get(`${s.id}|${s.baseline_year}`) ?? [];
      const monthly: Record<string, number> = {};
      for (const r of reports)
        monthly[r.month.slice(5)] = Object.values(r.byStream).reduce((sum, t) => sum + toKg(t), 0);
      // A baseline year counts once it is complete; until then there is no baseline to compare with.
      if (reports.length === 12)
        baseline = {
          tonnesKg: Object.values(monthly).reduce((a, b) => a + b, 0),
          monthlyKg: monthly,
          fiscalYear: s.baseline_year,
        };
    }
    result.set(s.id, summarize(fiscalYear, byOrgYear.get(`${s.id}|${fiscalYear}`) ?? [], baseline, s.target));
  }
  return result;
}
