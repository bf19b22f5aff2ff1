/**
 * Windows of whole calendar months (UTC) ending with the current one, as SQL fragments. Each
 * takes one binding: how many months the window holds (this month included).
 */
const THIS_MONTH = `date_trunc('month', now() AT TIME ZONE 'UTC')`;

/** The first moment of the window's oldest month, as a UTC timestamp (`AT TIME ZONE 'UTC'` makes it a timestamptz). */
export const LAST_MONTHS_START = `(${THIS_MONTH} - (? - 1) * interval '1 month')`;

/** One row per month of the window, oldest first: a `month` column holding its first day (date). */
export const LAST_MONTHS = `SELECT generate_series(${LAST_MONTHS_START}, ${THIS_MONTH}, interval '1 month')::date AS month`;

/** The oldest month (YYYY-MM) of the window of `months` whole UTC months ending with `now`'s, as LAST_MONTHS_START in JavaScript. */
export function windowStartMonth(now: Date, months: number): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months + 1, 1)).toISOString().slice(0, 7);
}
