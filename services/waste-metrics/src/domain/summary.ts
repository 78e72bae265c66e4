import { monthsOfFiscalYear } from '@pcc/fiscal-year';
import { DESTINATIONS, STREAMS, type Destination, type ReportFigures, type Stream } from './validation';
import { toKg, toPercent, toTonnes } from './tonnes';

export interface Baseline {
  /** Annual tonnes. */
  tonnesKg: number;
  /** When the baseline is a fiscal year's reports: that year's tonnes per calendar month (MM). */
  monthlyKg?: Record<string, number>;
  /** That fiscal year; it and the years before it are not judged against it. */
  fiscalYear?: number;
}

export interface WasteSummary {
  generatedTonnes: string;
  baselineTonnes: string | null;
  reductionPercent: string | null;
  targetPercent: string | null;
  projectedReductionPercent: string | null;
  onTrack: boolean | null;
  diversionRate: string | null;
  monthsReported: number;
  /** The baseline tonnes the reported months are compared with (same months, or pro-rated); for province sums. */
  comparableBaselineTonnes: string | null;
  monthly: Array<{
    month: string;
    tonnes: string;
    byStream: Record<Stream, string>;
    byDestination: Record<Destination, string>;
  }>;
}

/** At least this many months must be reported before an organization is judged on track or not. */
export const MONTHS_BEFORE_JUDGEMENT = 3;

/**
 * An organization's year against its baseline and target, from the latest revision of each
 * reported month. `reductionPercent` compares the reported months with the same months of the
 * baseline year (or a pro-rated annual baseline); `projectedReductionPercent` extrapolates the
 * reported months to a full year and compares it with the annual baseline. Pure: the same
 * inputs always give the same figures.
 */
export function summarize(
  fiscalYear: number,
  reports: ReportFigures[],
  baseline: Baseline | null,
  targetPercent: string | null,
): WasteSummary {
  const months = new Set(monthsOfFiscalYear(fiscalYear));
  const inYear = reports.filter((r) => months.has(r.month)).sort((a, b) => a.month.localeCompare(b.month));
  const totalOf = (r: ReportFigures) => STREAMS.reduce((sum, s) => sum + toKg(r.byStream[s]), 0);
  const generated = inYear.reduce((sum, r) => sum + totalOf(r), 0);
  const diverted = inYear.reduce((sum, r) => sum + toKg(r.byDestination.RECYCLED) + toKg(r.byDestination.COMPOSTED), 0);
  const destined = inYear.reduce((sum, r) => sum + DESTINATIONS.reduce((s, d) => s + toKg(r.byDestination[d]), 0), 0);
  const n = inYear.length;

  let reduction: number | null = null;
  let projected: number | null = null;
  let comparable: number | null = null;
  if (baseline && baseline.tonnesKg > 0 && n > 0) {
    const sameMonths =
      baseline.monthlyKg && inYear.every((r) => baseline.monthlyKg![r.month.slice(5)] !== undefined)
        ? inYear.reduce((sum, r) => sum + baseline.monthlyKg![r.month.slice(5)]!, 0)
        : (baseline.tonnesKg * n) / 12;
    comparable = sameMonths;
    reduction = sameMonths > 0 ? (1 - generated / sameMonths) * 100 : null;
    projected = (1 - (generated * 12) / n / baseline.tonnesKg) * 100;
  }
  const target = targetPercent === null ? null : Number(targetPercent);
  return {
    generatedTonnes: toTonnes(generated),
    baselineTonnes: baseline ? toTonnes(baseline.tonnesKg) : null,
    reductionPercent: reduction === null ? null : toPercent(reduction),
    targetPercent,
    projectedReductionPercent: projected === null ? null : toPercent(projected),
    onTrack:
      projected === null ||
      target === null ||
      n < MONTHS_BEFORE_JUDGEMENT ||
      (baseline?.fiscalYear !== undefined && fiscalYear <= baseline.fiscalYear)
        ? null
        : Number(toPercent(projected)) >= target,
    diversionRate: destined > 0 ? toPercent((diverted / destined) * 100) : null,
    monthsReported: n,
    comparableBaselineTonnes: comparable === null ? null : toTonnes(comparable),
    monthly: inYear.map((r) => ({
      month: r.month,
      tonnes: toTonnes(totalOf(r)),
      byStream: r.byStream,
      byDestination: r.byDestination,
    })),
  };
}

/** Whether an organization is at risk for the year: judged, and projected below target. */
export const atRisk = (summary: WasteSummary): boolean => summary.onTrack === false;
