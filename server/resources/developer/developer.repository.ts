import type { Knex } from 'knex';
import type { Insert } from '../../db/database.ts';
import { LAST_MONTHS_START } from '../../db/months.ts';

export interface DeveloperRow {
  id: string;
  name: string;
  email: string;
  company: string | null;
  pricing_tier: 'starter' | 'growth' | 'technical_partner';
  partner_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export function findDeveloper(knex: Knex | Knex.Transaction, developerId: string): Promise<DeveloperRow | undefined> {
  return knex('developer_accounts').where({ id: developerId }).first();
}

/** The developer account linked to a directory partner (at most one). */
export function developerOfPartner(knex: Knex | Knex.Transaction, partnerId: string): Promise<DeveloperRow | undefined> {
  return knex('developer_accounts').where({ partner_id: partnerId }).first();
}

/** The account with that email, compared case-insensitively. */
export function developerByEmail(knex: Knex | Knex.Transaction, email: string): Promise<DeveloperRow | undefined> {
  return knex('developer_accounts').whereRaw('lower(email) = lower(?)', [email]).first();
}

export async function insertDeveloper(trx: Knex.Transaction, fields: Insert<DeveloperRow>): Promise<DeveloperRow> {
  const [row] = await trx('developer_accounts').insert(fields).returning('*');
  return row;
}

export async function linkToPartner(trx: Knex.Transaction, developerId: string, partnerId: string): Promise<void> {
  await trx('developer_accounts').where({ id: developerId }).update({ partner_id: partnerId, updated_at: trx.fn.now() });
}

// ---- Apps ----

export interface AppRow {
  id: string;
  developer_id: string;
  name: string;
  url: string | null;
  description: string | null;
  is_showcased: boolean;
  api_products: string[];
  partner_powered_at: Date | null;
  created_at: Date;
}

export function findApp(knex: Knex | Knex.Transaction, appId: string): Promise<AppRow | undefined> {
  return knex('developer_apps').where({ id: appId }).first();
}

/** Up to `limit` ids of the developer's apps. */
export function appIdsOf(knex: Knex | Knex.Transaction, developerId: string, limit: number): Promise<string[]> {
  return knex('developer_apps').where({ developer_id: developerId }).limit(limit).pluck('id');
}

/** A new app, or undefined when the developer already has one of that name. */
export async function insertApp(trx: Knex.Transaction, fields: Insert<AppRow>): Promise<AppRow | undefined> {
  const [row] = await trx('developer_apps').insert(fields).onConflict(['developer_id', 'name']).ignore().returning('*');
  return row;
}

export interface AppUsageRow extends Omit<AppRow, 'developer_id'> {
  api_calls: string | number;
  records_served: string | number;
  businesses_attributed: number;
  earnings_attributed: string;
}

/** The developer's apps with their calls, records read and attributed businesses and earnings. */
export async function appsWithUsage(knex: Knex | Knex.Transaction, developerId: string): Promise<AppUsageRow[]> {
  const { rows } = await knex.raw(
    `SELECT a.id, a.name, a.url, a.description, a.is_showcased, a.api_products, a.partner_powered_at, a.created_at,
            coalesce((SELECT sum(calls) FROM api_usage u WHERE u.app_id = a.id), 0)::bigint AS api_calls,
            a.records_served,
            (SELECT count(*) FROM app_business_attributions b WHERE b.app_id = a.id)::int AS businesses_attributed,
            coalesce((SELECT sum(earnings_attributed) FROM app_business_attributions b WHERE b.app_id = a.id), 0)::numeric(14,2)::text AS earnings_attributed
     FROM developer_apps a WHERE a.developer_id = ? ORDER BY a.created_at, a.name`,
    [developerId],
  );
  return rows;
}

// ---- The data pool and where its records come from ----

export interface PoolFilter {
  category?: string | undefined;
  state?: string | undefined;
  city?: string | undefined;
  directory?: string | undefined;
  /** Rows after this business id. */
  afterId?: string | undefined;
  limit: number;
  columns: string[];
}

/** Pooled businesses by id, with the asked columns. */
export function poolPage(knex: Knex | Knex.Transaction, filter: PoolFilter): Promise<Record<string, unknown>[]> {
  return knex('partner_referred_businesses_api')
    .modify((q) => {
      if (filter.category) q.where('category', filter.category);
      if (filter.state) q.where('state', filter.state);
      if (filter.city) q.where('city', filter.city);
      if (filter.directory) q.where('partner_id', filter.directory);
      if (filter.afterId) q.where('id', '>', filter.afterId);
    })
    .orderBy('id')
    .limit(filter.limit)
    .select(filter.columns);
}

/** Records the developer's apps have read per directory, all-time (the per-app totals), most first. */
export async function recordsByDirectory(
  knex: Knex,
  developerId: string,
): Promise<{ id: string; directory_name: string; records_served: string | number; apps: number }[]> {
  const { rows } = await knex.raw(
    `SELECT t.partner_id AS id, dp.directory_name, sum(t.records_served)::bigint AS records_served, count(*)::int AS apps
     FROM app_directory_totals t
     JOIN developer_apps a ON a.id = t.app_id
     JOIN directory_partners dp ON dp.id = t.partner_id
     WHERE a.developer_id = ?
     GROUP BY 1, 2 ORDER BY 3 DESC, 2`,
    [developerId],
  );
  return rows;
}

/** Records the developer's apps have read in each month of the last `months` that has any. */
export async function recordsByMonth(knex: Knex, developerId: string, months: number): Promise<{ month: string; records_served: string | number }[]> {
  const { rows } = await knex.raw(
    `SELECT to_char(c.month, 'YYYY-MM') AS month, sum(c.records_served)::bigint AS records_served
     FROM app_directory_contributions c JOIN developer_apps a ON a.id = c.app_id
     WHERE a.developer_id = ? AND c.month >= ${LAST_MONTHS_START}
     GROUP BY c.month ORDER BY c.month`,
    [developerId, months],
  );
  return rows;
}
