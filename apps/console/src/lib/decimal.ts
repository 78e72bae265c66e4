/**
 * Amounts arrive as exact decimal strings (THB `numeric(14,2)`, tonnes `numeric(12,3)`); they are
 * formatted by their digits, never through a float, so 12345678901.23 stays exactly that.
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export interface DecimalParts {
  negative: boolean;
  integer: bigint;
  fraction: string;
}

export function parseDecimal(value: string): DecimalParts | null {
  const match = DECIMAL.exec(value.trim());
  if (!match) return null;
  return { negative: match[1] === '-', integer: BigInt(match[2]!), fraction: match[3] ?? '' };
}

/** The decimal with `digits` fraction digits, grouped as the locale groups (half-up rounding on the digits). */
export function formatDecimal(value: string, digits: number, locale: string): string {
  const parts = parseDecimal(value);
  if (!parts) return value;
  let { integer } = parts;
  let fraction = parts.fraction.padEnd(digits + 1, '0');
  const roundUp = Number(fraction[digits]) >= 5;
  fraction = fraction.slice(0, digits);
  if (roundUp) {
    const scaled = BigInt(`${integer}${fraction}`) + 1n;
    const text = scaled.toString().padStart(digits + 1, '0');
    integer = BigInt(text.slice(0, text.length - digits));
    fraction = digits ? text.slice(text.length - digits) : '';
  }
  const grouped = new Intl.NumberFormat(locale, { useGrouping: true }).format(integer);
  const negative = parts.negative && (integer !== 0n || /[1-9]/.test(fraction));
  return `${negative ? '-' : ''}${grouped}${digits ? `.${fraction}` : ''}`;
}

/** Compares two decimal strings exactly (for sorting tables by amounts). */
export function compareDecimal(a: string | null | undefined, b: string | null | undefined): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
  const [pa, pb] = [parseDecimal(a), parseDecimal(b)];
  if (!pa || !pb) return a.localeCompare(b);
  const width = Math.max(pa.fraction.length, pb.fraction.length);
  const scaled = (p: DecimalParts) => {
    const n = BigInt(`${p.integer}${p.fraction.padEnd(width, '0')}`);
    return p.negative ? -n : n;
  };
  const [x, y] = [scaled(pa), scaled(pb)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A decimal string as a number, for drawing only (chart heights): never for arithmetic or display. */
export const toChartNumber = (value: string | null | undefined): number => (value == null ? 0 : Number(value));
