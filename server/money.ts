/**
 * Exact decimal helpers for money strings. Amounts never pass through a JavaScript float: sums
 * over rows are done in SQL (NUMERIC); here only rounding, formatting and the sum or difference
 * of two amounts already read, in whole cents (bigint).
 */

/** A decimal string in cents, rounded half away from zero (as PostgreSQL's round(numeric, 2)). */
function cents(decimal: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(decimal.trim());
  if (!match) throw new Error(`Not a decimal: ${decimal}`);
  const [, sign, whole, fraction = ''] = match;
  const digits = fraction.padEnd(3, '0');
  let value = BigInt(whole!) * 100n + BigInt(digits.slice(0, 2));
  if (Number(digits[2]) >= 5) value += 1n;
  return sign === '-' ? -value : value;
}

/** Cents as a decimal string with two places. */
function formatCents(value: bigint): string {
  const negative = value < 0n;
  const text = (negative ? -value : value).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** Rounds a decimal string to cents, half away from zero (as PostgreSQL's round(numeric, 2)). */
export function toCents(decimal: string): string {
  return formatCents(cents(decimal));
}

/** The sum of two amounts, each rounded to cents. */
export function addCents(a: string, b: string): string {
  return formatCents(cents(a) + cents(b));
}

/** The first amount less the second, each rounded to cents. */
export function subtractCents(a: string, b: string): string {
  return formatCents(cents(a) - cents(b));
}

/** -1, 0 or 1 as the first amount is less than, equal to or more than the second (in cents). */
export function compareCents(a: string, b: string): -1 | 0 | 1 {
  const difference = cents(a) - cents(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** A share of a whole as a percentage with two places (display only, not money). */
export function sharePercent(part: number, whole: number): string {
  return whole > 0 ? (Math.round((part / whole) * 10_000) / 100).toFixed(2) : '0.00';
}
