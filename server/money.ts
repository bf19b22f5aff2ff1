/**
 * Exact decimal helpers for money strings. Amounts never pass through a JavaScript float:
 * sums are done in SQL (NUMERIC); here only rounding and formatting of decimal text.
 */

/** Rounds a decimal string to cents, half away from zero (as PostgreSQL's round(numeric, 2)). */
export function toCents(decimal: string): string {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(decimal.trim());
  if (!match) throw new Error(`Not a decimal: ${decimal}`);
  const [, sign, whole, fraction = ''] = match;
  const digits = fraction.padEnd(3, '0');
  let cents = BigInt(whole!) * 100n + BigInt(digits.slice(0, 2));
  if (Number(digits[2]) >= 5) cents += 1n;
  const text = cents.toString().padStart(3, '0');
  const negative = sign === '-' && cents !== 0n;
  return `${negative ? '-' : ''}${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** A share of a whole as a percentage with two places (display only, not money). */
export function sharePercent(part: number, whole: number): string {
  return whole > 0 ? (Math.round((part / whole) * 10_000) / 100).toFixed(2) : '0.00';
}
