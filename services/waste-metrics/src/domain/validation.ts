import { fiscalYearOfMonth, MONTH } from '@pcc/fiscal-year';
import { isTonnes, toKg } from './tonnes';

export const STREAMS = ['GENERAL', 'ORGANIC', 'RECYCLABLE', 'HAZARDOUS'] as const;
export const DESTINATIONS = ['INCINERATED', 'LANDFILLED', 'RECYCLED', 'COMPOSTED'] as const;
export type Stream = (typeof STREAMS)[number];
export type Destination = (typeof DESTINATIONS)[number];

export interface ReportFigures {
  month: string;
  byStream: Record<Stream, string>;
  byDestination: Record<Destination, string>;
}

const MAX_TOTAL_KG = 999_999_999_999;

/** How far the stream total and the destination total may differ: 0.5 % of the larger. */
export const AGREEMENT_TOLERANCE = 0.005;

/**
 * Every problem with a monthly report, as `field: message` (empty when it is valid): tonnes are
 * non-negative with at most 3 decimals, the two breakdowns agree within 0.5 %, the month is not in
 * the future, and not before the organization existed.
 */
export function validateReport(
  report: ReportFigures,
  context: { now: Date; establishedOn: string | null },
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!MONTH.test(report.month)) problems.month = 'must be a month YYYY-MM';
  for (const [group, keys] of [
    ['byStream', STREAMS],
    ['byDestination', DESTINATIONS],
  ] as const) {
    for (const key of keys) {
      const value = (report[group] as Record<string, string | undefined>)[key];
      if (value === undefined || value === null) problems[`${group}.${key}`] = 'is required';
      else if (/^-/.test(value)) problems[`${group}.${key}`] = 'must not be negative';
      else if (!isTonnes(value)) problems[`${group}.${key}`] = 'must be tonnes with at most 3 decimals, e.g. "812.5"';
    }
  }
  if (Object.keys(problems).length) return problems;
  const streams = STREAMS.reduce((sum, s) => sum + toKg(report.byStream[s]), 0);
  const destinations = DESTINATIONS.reduce((sum, d) => sum + toKg(report.byDestination[d]), 0);
  // The month's total is stored as numeric(12,3) too: at most 999,999,999.999 t.
  if (streams > MAX_TOTAL_KG) problems.byStream = 'must not total more than 999,999,999.999 t';
  if (Math.abs(streams - destinations) > AGREEMENT_TOLERANCE * Math.max(streams, destinations)) {
    problems.byDestination = `must add up to the streams' total within 0.5 % (streams ${streams / 1000} t, destinations ${destinations / 1000} t)`;
  }
  const current = `${context.now.getUTCFullYear()}-${String(context.now.getUTCMonth() + 1).padStart(2, '0')}`;
  if (report.month > current) problems.month = 'must not be in the future';
  if (context.establishedOn && report.month < context.establishedOn.slice(0, 7))
    problems.month = `must not be before the organization existed (${context.establishedOn})`;
  return problems;
}

export const totalKg = (report: ReportFigures): number => STREAMS.reduce((sum, s) => sum + toKg(report.byStream[s]), 0);
export { fiscalYearOfMonth };
