/** Locale-aware formatting. Money arrives as decimal strings and is never turned into a float. */

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n${locale}${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

export const formatCount = (locale: string, value: number) => numberFormat(locale, {}).format(value);

/** Large counts in a short form (12.3K, 1,2 M) for tight spaces such as chart axes. */
export const formatCompact = (locale: string, value: number) => numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);

/** A decimal string such as "1234.50" as currency; Intl formats the string exactly, without floating point. */
export function formatMoney(locale: string, amount: string, currency = 'USD'): string {
  return numberFormat(locale, { style: 'currency', currency }).format(amount as Intl.StringNumericLiteral);
}

/** A percentage given as decimal text such as "12.50". */
export function formatPercent(locale: string, percent: string): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(`${percent}E-2` as Intl.StringNumericLiteral);
}

export function formatDate(locale: string, iso: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  const key = `d${locale}${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : format.format(date);
}

/** "2026-11" as "Nov 2026" / "nov. 2026". */
export const formatMonth = (locale: string, month: string) =>
  formatDate(locale, `${month.slice(0, 7)}-01T00:00:00Z`, { month: 'short', year: 'numeric', timeZone: 'UTC' });
