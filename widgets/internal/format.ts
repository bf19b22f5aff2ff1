/**
 * Every figure a widget shows is formatted through this module, with Intl, in every locale:
 * - counts grouped ("4,280"); money exact from its decimal string ("$1,234.50"), never a float;
 * - percentages with at most one decimal, whole from 100 ("24.8%", "588%");
 * - discounts exactly as the API states them: a 24.80 discount is 24.8%, never a rounded 25% that
 *   the two prices beside it would contradict;
 * - dates and months in the locale's medium style.
 * Every page loads this module (the badge's too, held to 8 KB), so a rule only one widget uses is
 * written in that widget on top of `formatNumber`: the impact card's compact headline figures,
 * the admin dashboard's durations (docs/DECISIONS.md, "Formatting figures").
 * Figures never wrap mid-number: the panel styles keep `.figure dd` and `td.number` on one line.
 */

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** Formatters are reused: building one costs far more than formatting with it (a date format, about 50 times more). */
function intl<T extends Intl.NumberFormat | Intl.DateTimeFormat>(Format: new (locale: string, options: object) => T, locale: string, options: object): T {
  const key = Format.name + locale + JSON.stringify(options);
  let format = cache.get(key) as T | undefined;
  if (!format) cache.set(key, (format = new Format(locale, options)));
  return format;
}

/** A number, or decimal text that Intl formats exactly (money never goes through a float), with any Intl options. */
export const formatNumber = (locale: string, value: number | string, options: Intl.NumberFormatOptions = {}) =>
  intl(Intl.NumberFormat, locale, options).format(value as Intl.StringNumericLiteral);

export const formatCount = (locale: string, value: number) => formatNumber(locale, value);

/** A decimal string such as "1234.50" in the currency the API states beside it (ISO 4217), exactly. */
export const formatMoney = (locale: string, amount: string, currency: string) => formatNumber(locale, amount, { style: 'currency', currency });

/**
 * A percentage given as decimal text such as "12.50" (or a number): at most one decimal, whole
 * from 100 ("24.8%", "588%"). No percentage shown goes below -100 (a fall to nothing), so only
 * the upper bound is tested.
 */
export const formatPercent = (locale: string, percent: string | number, maximumFractionDigits = +percent < 100 ? 1 : 0) =>
  formatNumber(locale, `${percent}E-2`, { style: 'percent', maximumFractionDigits });

/** A discount as the API states it ("24.80" → 24.8%): every decimal it gives (two at most), none it does not. */
export const formatDiscount = (locale: string, percent: string) => formatPercent(locale, percent, 2);

export function formatDate(locale: string, iso: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : intl(Intl.DateTimeFormat, locale, options).format(date);
}

/** "2026-11" as "Nov 2026" / "nov. 2026". */
export const formatMonth = (locale: string, month: string) =>
  formatDate(locale, `${month.slice(0, 7)}-01T00:00:00Z`, { month: 'short', year: 'numeric', timeZone: 'UTC' });
