/**
 * Thai fiscal years (Buddhist era) and public tracking codes. FY2561 runs 1 Oct 2017 – 30 Sep 2018:
 * a date in October or later belongs to the next Gregorian year's fiscal year, plus 543.
 */
export function fiscalYearOf(date: Date, timeZoneOffsetHours = 7): number {
  const local = new Date(date.getTime() + timeZoneOffsetHours * 3_600_000); // Asia/Bangkok, no DST
  const year = local.getUTCFullYear();
  return (local.getUTCMonth() >= 9 ? year + 1 : year) + 543;
}

export const trackingCode = (fiscalYear: number, sequence: number): string => `PCC-${fiscalYear}-${String(sequence).padStart(6, '0')}`;

export const TRACKING_CODE = /^PCC-\d{4}-\d{6}$/;
