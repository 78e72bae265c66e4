/**
 * Money in THB as exact decimal strings with at most 2 decimals (satang), the way the budget ordinance
 * writes it. Arithmetic is on whole satang as BigInt: no float ever touches an amount.
 */
export const BAHT = /^\d{1,12}(\.\d{1,2})?$/;
/** Any non-negative amount (sums may pass 12 digits). */
const AMOUNT = /^\d+(\.\d{1,2})?$/;

export function toSatang(amount: string): bigint {
  if (!AMOUNT.test(amount)) throw new RangeError(`not an amount in THB: ${amount}`);
  const [whole, fraction = ''] = amount.split('.') as [string, string?];
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** Satang → `"1250000.50"` (always 2 decimals, as PostgreSQL's numeric(14,2) prints it). */
export function fromSatang(satang: bigint): string {
  const sign = satang < 0n ? '-' : '';
  const abs = satang < 0n ? -satang : satang;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** `part` as a percent of `whole`, rounded half up to 2 decimals; null when `whole` is zero. */
export function percentOf(part: bigint, whole: bigint): string | null {
  if (whole === 0n) return null;
  const hundredths = (part * 10_000n * 2n + whole) / (whole * 2n);
  return fromSatang(hundredths);
}
