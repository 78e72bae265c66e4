/**
 * When a month's waste report is due. No regulation or MOU clause fixing the day could be found for
 * the network's monthly waste figures, so the default is the 15th of the following month (end of that
 * day, Bangkok time); `WASTE_REPORT_DEADLINE_DAY` changes it (see README, "Reporting as a process").
 */
export interface ReportingSettings {
  /** Day of the following month by the end of which (Asia/Bangkok) a month's report is due: 1–28. */
  deadlineDay: number;
  /** How many months back, counted from the latest month already due, missing reports are looked for. */
  lookbackMonths: number;
}

export const DEFAULT_REPORTING: ReportingSettings = { deadlineDay: 15, lookbackMonths: 12 };

const BANGKOK_OFFSET_MS = 7 * 3_600_000;

/** `YYYY-MM` `n` months after `month` (negative: before). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The instant a month's report is due: the end of `deadlineDay` of the following month, Bangkok time. */
export function deadlineOf(month: string, settings: ReportingSettings): Date {
  const [y, m] = addMonths(month, 1).split('-').map(Number) as [number, number];
  // The first instant after the deadline day, in Bangkok, less one millisecond.
  return new Date(Date.UTC(y, m - 1, settings.deadlineDay + 1) - BANGKOK_OFFSET_MS - 1);
}

/** The months already due at `now`, latest first, at most `lookbackMonths` of them. */
export function monthsDue(now: Date, settings: ReportingSettings): string[] {
  const bangkok = new Date(now.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 7);
  // The month before this one is due once this month's deadline day has passed; earlier months are.
  let latest = addMonths(bangkok, -1);
  if (now.getTime() <= deadlineOf(latest, settings).getTime()) latest = addMonths(latest, -1);
  return Array.from({ length: settings.lookbackMonths }, (_, i) => addMonths(latest, -i));
}
