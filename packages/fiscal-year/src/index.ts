/**
 * Thai fiscal years, as every organization of the network budgets them: a fiscal year is named in
 * the Buddhist era (Gregorian + 543) after the year it ends in, and runs 1 October – 30 September.
 * FY2561 runs 1 Oct 2017 – 30 Sep 2018. Dates are calendar dates `YYYY-MM-DD` (Asia/Bangkok),
 * months `YYYY-MM`, both Gregorian, the way the organizations' spreadsheets write them.
 */

/** Gregorian → Buddhist era. */
export const BUDDHIST_ERA_OFFSET = 543;

const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The fiscal year of a month `YYYY-MM`. */
export function fiscalYearOfMonth(month: string): number {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return (m >= 10 ? year + 1 : year) + BUDDHIST_ERA_OFFSET;
}

/** The fiscal year of a calendar date `YYYY-MM-DD`. */
export function fiscalYearOfDate(date: string): number {
  if (!DATE.test(date)) throw new RangeError(`not a calendar date: ${date}`);
  return fiscalYearOfMonth(date.slice(0, 7));
}

/** First and last day of a fiscal year: FY2561 → 2017-10-01 … 2018-09-30. */
export function fiscalYearRange(fiscalYear: number): { start: string; end: string } {
  const endYear = fiscalYear - BUDDHIST_ERA_OFFSET;
  return { start: `${endYear - 1}-10-01`, end: `${endYear}-09-30` };
}

/** The twelve months of a fiscal year, October first. */
export function monthsOfFiscalYear(fiscalYear: number): string[] {
  const start = fiscalYear - BUDDHIST_ERA_OFFSET - 1;
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((9 + i) % 12) + 1;
    const y = m >= 10 ? start : start + 1;
    return `${y}-${String(m).padStart(2, '0')}`;
  });
}

/** Today's calendar date in Thailand (UTC+7, no daylight saving), the day the organizations live in. */
export function bangkokDate(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The fiscal year of an instant, on Thailand's calendar (a case opened at 23:30 UTC on 30 Sep is in October there). */
export function fiscalYearOfInstant(instant: Date): number {
  return fiscalYearOfDate(bangkokDate(instant));
}
