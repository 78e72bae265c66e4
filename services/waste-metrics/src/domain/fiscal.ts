/**
 * Thai fiscal years (Buddhist era): FY2561 runs October 2017 – September 2018. Months are `YYYY-MM`
 * (Gregorian), the way organizations' spreadsheets write them.
 */
export function fiscalYearOfMonth(month: string): number {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return (m >= 10 ? year + 1 : year) + 543;
}

/** The twelve months of a fiscal year, October first. */
export function monthsOfFiscalYear(fiscalYear: number): string[] {
  const start = fiscalYear - 543 - 1;
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((9 + i) % 12) + 1;
    const y = m >= 10 ? start : start + 1;
    return `${y}-${String(m).padStart(2, '0')}`;
  });
}

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
