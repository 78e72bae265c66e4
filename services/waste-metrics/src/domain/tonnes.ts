/**
 * Tonnes are exact decimals with at most 3 places (numeric(12,3)); arithmetic is done in whole
 * kilograms (integers), never in floating-point tonnes.
 */
const TONNES = /^\d{1,9}(\.\d{1,3})?$/;
/** A baseline is numeric(14,3): 11 digits, still exact in whole kilograms (below 2⁵³). */
const ANY_TONNES = /^\d{1,11}(\.\d{1,3})?$/;

export const isTonnes = (value: string): boolean => TONNES.test(value);

export function toKg(tonnes: string): number {
  if (!ANY_TONNES.test(tonnes)) throw new Error(`not a tonnage: ${tonnes}`);
  const [whole, fraction = ''] = tonnes.split('.');
  return Number(whole) * 1000 + Number(fraction.padEnd(3, '0'));
}

export function toTonnes(kg: number): string {
  const sign = kg < 0 ? '-' : '';
  const abs = Math.abs(Math.round(kg));
  return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
}

/** A percentage with two decimals, as a decimal string (e.g. "5.00"). */
export const toPercent = (value: number): string => (Math.round(value * 100) / 100).toFixed(2);
