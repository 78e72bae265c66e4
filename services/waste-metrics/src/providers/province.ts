import type { DataSource } from 'typeorm';
import { OrganizationProjection } from '@pcc/organization-projection';
import type { WasteSummary } from '../domain/summary';
import { toKg, toPercent, toTonnes } from '../domain/tonnes';
import type { KeptSummaries } from '../store/kept-summaries';

/**
 * The province's year: totals over every active organization and the ranking by projected
 * reduction, from one batch of organization summaries (a fixed number of queries).
 */
export async function provinceSummary(dataSource: DataSource, fiscalYear: number, kept: KeptSummaries<unknown>) {
  const organizations = await dataSource.getRepository(OrganizationProjection).findBy({ active: true });
  const summaries = await kept.summaries(
    organizations.map((o) => o.id),
    fiscalYear,
  );
  const entries = organizations.map((o) => ({ organizationId: o.id, code: o.code, summary: summaries.get(o.id)! }));
  const sum = (pick: (s: WasteSummary) => string | null) =>
    entries.reduce((total, e) => total + (pick(e.summary) === null ? 0 : toKg(pick(e.summary)!)), 0);
  const generated = sum((s) => s.generatedTonnes);
  const withBaseline = entries.filter((e) => e.summary.baselineTonnes !== null && e.summary.monthsReported > 0);
  const baseline = withBaseline.reduce((t, e) => t + toKg(e.summary.baselineTonnes!), 0);
  // Like for like: the projected year of the organizations that have a baseline, against their baselines.
  const projected = withBaseline.reduce(
    (t, e) => t + (toKg(e.summary.generatedTonnes) * 12) / e.summary.monthsReported,
    0,
  );
  // The province's target: the organizations' targets weighted by their baselines.
  const targeted = withBaseline.filter((e) => e.summary.targetPercent !== null);
  const targetWeight = targeted.reduce((t, e) => t + toKg(e.summary.baselineTonnes!), 0);
  const target =
    targetWeight > 0
      ? toPercent(
          targeted.reduce((t, e) => t + Number(e.summary.targetPercent) * toKg(e.summary.baselineTonnes!), 0) /
            targetWeight,
        )
      : null;
  const projectedReduction = baseline > 0 ? toPercent((1 - projected / baseline) * 100) : null;
  const diverted = entries.reduce(
    (t, e) =>
      t +
      e.summary.monthly.reduce(
        (m, month) => m + toKg(month.byDestination.RECYCLED) + toKg(month.byDestination.COMPOSTED),
        0,
      ),
    0,
  );
  // Same denominator as each organization's rate: all tonnes by destination.
  const destined = entries.reduce(
    (t, e) =>
      t +
      e.summary.monthly.reduce(
        (m, month) => m + Object.values(month.byDestination).reduce((d, v) => d + toKg(v), 0),
        0,
      ),
    0,
  );
  const ranking = [...entries]
    .sort((a, b) => {
      const pa = a.summary.projectedReductionPercent;
      const pb = b.summary.projectedReductionPercent;
      if (pa === null || pb === null) return pa === pb ? 0 : pa === null ? 1 : -1;
      return Number(pb) - Number(pa);
    })
    .map((e, index) => ({
      rank: index + 1,
      organization: { id: e.organizationId },
      code: e.code,
      monthsReported: e.summary.monthsReported,
      generatedTonnes: e.summary.generatedTonnes,
      projectedReductionPercent: e.summary.projectedReductionPercent,
      onTrack: e.summary.onTrack,
    }));
  // Like each organization's reduction: against the baseline of the same months.
  const reportedSameMonths = withBaseline.reduce(
    (t, e) => t + (e.summary.comparableBaselineTonnes === null ? 0 : toKg(e.summary.comparableBaselineTonnes)),
    0,
  );
  const generatedWithBaseline = withBaseline.reduce((t, e) => t + toKg(e.summary.generatedTonnes), 0);
  return {
    fiscalYear,
    generatedTonnes: toTonnes(generated),
    baselineTonnes: baseline > 0 ? toTonnes(baseline) : null,
    reductionPercent: reportedSameMonths > 0 ? toPercent((1 - generatedWithBaseline / reportedSameMonths) * 100) : null,
    targetPercent: target,
    projectedReductionPercent: projectedReduction,
    onTrack: projectedReduction === null || target === null ? null : Number(projectedReduction) >= Number(target),
    diversionRate: destined > 0 ? toPercent((diverted / destined) * 100) : null,
    ranking,
  };
}

/** The province's fiscal year, as the GraphQL field answers it. */
export type ProvinceSummary = Awaited<ReturnType<typeof provinceSummary>>;
