import type { Knex } from 'knex';
import type { PublicBusiness } from './public.schemas.ts';

export interface ContributionRow {
  app_id: string;
  partner_id: string;
  directory_name: string;
  records_served: number;
  /** The app's records and directories over all its contributors, not only the rows returned. */
  app_records: number;
  app_directories: number;
}

export interface AppRow {
  id: string;
  name: string;
  url: string | null;
  description: string | null;
  company: string | null;
  api_products: string[];
  partner_powered_at: Date | null;
}

export interface ShowcaseFilter {
  limit: number;
  after?: [string, string] | undefined;
  product?: string | undefined;
  directory?: string | undefined;
  q?: string | undefined;
}

const APP_COLUMNS = ['a.id', 'a.name', 'a.url', 'a.description', 'a.api_products', 'a.partner_powered_at', 'd.company'];

/** Showcased partner-powered apps, newest first, by keyset (partner_powered_at, id). */
export function listShowcaseApps(knex: Knex, filter: ShowcaseFilter): Promise<AppRow[]> {
  const query = knex('developer_apps as a')
    .join('developer_accounts as d', 'd.id', 'a.developer_id')
    .where('a.is_showcased', true)
    .whereNotNull('a.partner_powered_at')
    .orderBy([
      { column: 'a.partner_powered_at', order: 'desc' },
      { column: 'a.id', order: 'desc' },
    ])
    .limit(filter.limit)
    .select(APP_COLUMNS);
  if (filter.product) query.whereRaw('? = ANY(a.api_products)', [filter.product]);
  if (filter.q) query.whereRaw(`a.name ILIKE ? ESCAPE '\\'`, [`%${filter.q.replace(/[\\%_]/g, '\\$&')}%`]);
  if (filter.directory) {
    query.whereExists(knex('app_directory_contributions as c').whereRaw('c.app_id = a.id').where('c.partner_id', filter.directory));
  }
  if (filter.after) query.whereRaw('(a.partner_powered_at, a.id) < (?::timestamptz, ?::uuid)', filter.after);
  return query;
}

export function findApp(knex: Knex, appId: string): Promise<AppRow | undefined> {
  return knex('developer_apps as a').join('developer_accounts as d', 'd.id', 'a.developer_id').where('a.id', appId).first(APP_COLUMNS);
}

/**
 * Records each app has read, per contributing directory, largest first: at most `perApp` rows
 * per app, read in index order from the all-time totals the metering keeps, each carrying the
 * app's totals over all its directories. Ties are cut by directory id, then listed by name.
 */
export async function contributionsFor(knex: Knex, appIds: string[], perApp = 1_000): Promise<ContributionRow[]> {
  if (appIds.length === 0) return [];
  const { rows } = await knex.raw(
    `SELECT a.id AS app_id, t.partner_id, dp.directory_name, t.records_served,
            a.records_served AS app_records, a.contributing_directories AS app_directories
     FROM developer_apps a
     CROSS JOIN LATERAL (
       SELECT partner_id, records_served FROM app_directory_totals t
       WHERE t.app_id = a.id ORDER BY records_served DESC, partner_id LIMIT ?
     ) t
     JOIN directory_partners dp ON dp.id = t.partner_id
     WHERE a.id = ANY(?::uuid[])
     ORDER BY a.id, t.records_served DESC, dp.directory_name`,
    [perApp, appIds],
  );
  return rows;
}

export async function attributedCounts(knex: Knex, appIds: string[]): Promise<Map<string, number>> {
  if (appIds.length === 0) return new Map();
  const rows: { app_id: string; n: number }[] = await knex('app_business_attributions')
    .whereIn('app_id', appIds)
    .groupBy('app_id')
    .select('app_id', knex.raw('count(*)::int AS n'));
  return new Map(rows.map((r) => [r.app_id, r.n]));
}

export function categoryCounts(knex: Knex): Promise<{ category: string; businesses: number }[]> {
  return knex('pool_category_counts')
    .where('businesses', '>', 0)
    .orderBy([{ column: 'businesses', order: 'desc' }, 'category'])
    .select('category', 'businesses');
}

export function locationCounts(knex: Knex): Promise<{ state: string; city: string; businesses: number }[]> {
  return knex('pool_location_counts')
    .where('businesses', '>', 0)
    .orderBy([{ column: 'businesses', order: 'desc' }, 'state', 'city'])
    .select('state', 'city', 'businesses');
}

export interface PoolEventRow {
  event_id: number;
  entered_at: Date;
  business: PublicBusiness;
}

const EVENT_SELECT = `
  SELECT e.id AS event_id, e.entered_at,
         json_build_object('id', v.id, 'business_name', v.business_name, 'category', v.category, 'city', v.city,
                           'state', v.state, 'average_rating', v.average_rating, 'partner_id', v.partner_id,
                           'referring_directory', v.referring_directory) AS business
  FROM pool_events e JOIN partner_referred_businesses_api v ON v.id = e.business_id`;

/** The newest entries of businesses still in the pool (a business that re-entered shows once). */
export async function newestPoolEntries(knex: Knex, limit: number): Promise<PoolEventRow[]> {
  if (limit === 0) return [];
  const { rows } = await knex.raw(`${EVENT_SELECT} ORDER BY e.entered_at DESC, e.id DESC LIMIT ?`, [limit * 2]);
  const seen = new Set<string>();
  return (rows as PoolEventRow[]).filter((row) => !seen.has(row.business.id) && seen.add(row.business.id)).slice(0, limit);
}

/** Entries after an event id, oldest first: what a reconnecting stream client missed. */
export async function poolEntriesAfter(knex: Knex, eventId: number, limit: number): Promise<PoolEventRow[]> {
  const { rows } = await knex.raw(`${EVENT_SELECT} WHERE e.id > ? ORDER BY e.id LIMIT ?`, [eventId, limit]);
  return rows;
}

/** The newest `limit` entries after `eventId`, oldest first. */
export async function newestPoolEntriesAfter(knex: Knex, eventId: number, limit: number): Promise<PoolEventRow[]> {
  const { rows } = await knex.raw(`${EVENT_SELECT} WHERE e.id > ? ORDER BY e.id DESC LIMIT ?`, [eventId, limit]);
  return rows.reverse();
}

export async function latestPoolEventId(knex: Knex): Promise<number> {
  const row = await knex('pool_events').max({ id: 'id' }).first();
  return Number(row?.id ?? 0);
}

/** Counter values per metric and month (UTC), oldest first. */
export async function monthlyCounters(knex: Knex, metrics: string[]): Promise<{ metric: string; month: string; value: string }[]> {
  const { rows } = await knex.raw(
    `SELECT metric, to_char(month, 'YYYY-MM') AS month, sum(value)::text AS value
     FROM ecosystem_counters WHERE metric = ANY(?) GROUP BY metric, month ORDER BY month`,
    [metrics],
  );
  return rows;
}
