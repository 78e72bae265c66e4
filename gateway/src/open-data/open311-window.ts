/**
 * GeoReport v2's date window for `GET requests`: without dates the last 90 days; `start_date` and
 * `end_date` (ISO 8601 with a time zone, both inclusive) may not span more than 90 days, and one
 * given alone opens a 90-day window from (or up to) it.
 */
export const WINDOW_DAYS = 90;
const WINDOW_MS = WINDOW_DAYS * 24 * 60 * 60 * 1000;
// The spec's subset of ISO 8601: a date and time with `Z` or an offset.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The window as the cases list's `openedBetween` takes it: `from` inclusive, `to` exclusive. */
export type RequestWindow = { from: string; to?: string } | { error: string };

/** Whether the calendar date exists (the Date parser rolls 31 February over into March). */
function realDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function instant(name: string, value: string | undefined): Date | string | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (!ISO_DATE_TIME.test(value) || !realDate(value) || Number.isNaN(at.getTime()))
    return `${name} is an ISO 8601 date-time with a time zone, e.g. 2026-01-31T08:00:00+07:00`;
  return at;
}

export function requestWindow(startDate: string | undefined, endDate: string | undefined, now: Date): RequestWindow {
  const start = instant('start_date', startDate);
  if (typeof start === 'string') return { error: start };
  const end = instant('end_date', endDate);
  if (typeof end === 'string') return { error: end };
  // end_date is the latest instant to include; the list's upper bound excludes its own.
  const until = (at: Date) => new Date(at.getTime() + 1).toISOString();
  if (!start && !end) return { from: new Date(now.getTime() - WINDOW_MS).toISOString() };
  if (!start) return { from: new Date(end!.getTime() - WINDOW_MS).toISOString(), to: until(end!) };
  if (!end) return { from: start.toISOString(), to: until(new Date(start.getTime() + WINDOW_MS)) };
  if (end < start) return { error: 'end_date is before start_date' };
  if (end.getTime() - start.getTime() > WINDOW_MS)
    return { error: `start_date and end_date may not span more than ${WINDOW_DAYS} days` };
  return { from: start.toISOString(), to: until(end) };
}
