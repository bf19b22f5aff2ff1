import type { Knex } from 'knex';

/** The metered-usage statements, shared by live metering and the demo-data seeder. */

export type Tier = 'starter' | 'growth' | 'technical_partner';

export interface UsageRow {
  developer_id: string;
  app_id: string | null;
  product: string;
  business_id: string | null;
  /** YYYY-MM-DD (UTC) */
  usage_date: string;
  pricing_tier: Tier;
  calls: number;
  /** The price per 1,000 calls to bill at; without it, the product's price for the tier now. */
  unit?: string | null;
}

/**
 * Adds calls to the usage rows, each billed at the price per 1,000 calls it carries or else at
 * its tier's price of its product now (the preferential price on the technical_partner tier).
 * Returns, per row in order, that price and the amount billed; rows of unknown products are
 * skipped (undefined). Rows of one (developer, app, product, business, day, tier) are summed.
 */
export async function addUsage(trx: Knex.Transaction, rows: UsageRow[]): Promise<({ unit: string; billed: string } | undefined)[]> {
  if (rows.length === 0) return [];
  const { rows: priced } = await trx.raw(
    `WITH priced AS (
       SELECT u.*, coalesce(u.unit, CASE WHEN u.pricing_tier = 'technical_partner' THEN p.technical_partner_price_per_1000 ELSE p.price_per_1000 END) AS price
       FROM json_to_recordset(?::json) AS u(i int, developer_id uuid, app_id uuid, product text, business_id uuid,
                                            usage_date date, pricing_tier text, calls bigint, unit numeric)
       JOIN api_products p ON p.code = u.product
     ), added AS (
       INSERT INTO api_usage AS a (developer_id, app_id, product, business_id, usage_date, pricing_tier, calls, billed_amount)
       SELECT developer_id, app_id, product, business_id, usage_date, pricing_tier, sum(calls), sum(calls * price / 1000) FROM priced
       GROUP BY developer_id, app_id, product, business_id, usage_date, pricing_tier
       ORDER BY developer_id, app_id, product, business_id, usage_date, pricing_tier
       ON CONFLICT (developer_id, app_id, product, business_id, usage_date, pricing_tier)
       DO UPDATE SET calls = a.calls + excluded.calls, billed_amount = a.billed_amount + excluded.billed_amount
     )
     SELECT i, price::text AS unit, (calls * price / 1000)::text AS billed FROM priced`,
    [JSON.stringify(rows.map((row, i) => ({ ...row, i })))],
  );
  const byRow: ({ unit: string; billed: string } | undefined)[] = rows.map(() => undefined);
  for (const p of priced as { i: number; unit: string; billed: string }[]) byRow[p.i] = { unit: p.unit, billed: p.billed };
  return byRow;
}

export interface ContributionRow {
  app_id: string;
  partner_id: string;
  /** The first day of the month, YYYY-MM-DD. */
  month: string;
  records_served: number;
}

/** Adds records an app read to its (directory, month) contributions. */
export async function addContributions(trx: Knex.Transaction, rows: ContributionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx.raw(
    `INSERT INTO app_directory_contributions AS c (app_id, partner_id, month, records_served)
     SELECT app_id, partner_id, month, records_served
     FROM json_to_recordset(?::json) AS r(app_id uuid, partner_id uuid, month date, records_served bigint)
     ON CONFLICT (app_id, partner_id, month) DO UPDATE SET records_served = c.records_served + excluded.records_served`,
    [JSON.stringify(rows)],
  );
}

/**
 * Marks the app partner-powered now, unless it already is; returns the moment when this call
 * made it so. The row lock of the UPDATE makes "first time" exact under concurrency: one writer sees NULL.
 */
export async function markPartnerPowered(trx: Knex.Transaction, appId: string): Promise<Date | undefined> {
  const { rows } = await trx.raw(
    `UPDATE developer_apps SET partner_powered_at = now() WHERE id = ? AND partner_powered_at IS NULL RETURNING partner_powered_at`,
    [appId],
  );
  return rows[0]?.partner_powered_at;
}

/** All-time totals per (app, directory) and per app; a pair inserted now is a new contributor. */
export async function addDirectoryTotals(trx: Knex.Transaction, appId: string, records: { partner_id: string; count: number }[]): Promise<void> {
  await trx.raw(
    `WITH totals AS (
       INSERT INTO app_directory_totals AS t (app_id, partner_id, records_served)
       SELECT ?, r.partner_id, r.count FROM json_to_recordset(?::json) AS r(partner_id uuid, count bigint)
       ON CONFLICT (app_id, partner_id) DO UPDATE SET records_served = t.records_served + excluded.records_served
       RETURNING (xmax = 0) AS inserted
     )
     UPDATE developer_apps
     SET records_served = records_served + ?::bigint,
         contributing_directories = contributing_directories + (SELECT count(*) FROM totals WHERE inserted)
     WHERE id = ?`,
    [appId, JSON.stringify(records), records.reduce((sum, r) => sum + r.count, 0), appId],
  );
}

/** Counts calls on the business's attribution when it is attributed to this developer (and app, when both are known). */
export async function addAttributedCalls(trx: Knex.Transaction, businessId: string, developerId: string, appId: string | null, calls: number): Promise<void> {
  await trx.raw(
    `UPDATE app_business_attributions
     SET api_calls_generated = coalesce(api_calls_generated, 0) + ?,
         first_api_call_at = coalesce(first_api_call_at, now())
     WHERE business_id = ? AND developer_id = ? AND (app_id IS NULL OR ?::uuid IS NULL OR app_id = ?::uuid)`,
    [calls, businessId, developerId, appId, appId],
  );
}

/** Writes a batch's id: false when a batch of that id was already written (its retry must add nothing). */
export async function claimFlush(trx: Knex.Transaction, batchId: string): Promise<boolean> {
  const { rows } = await trx.raw('INSERT INTO metering_flushes (id) VALUES (?) ON CONFLICT DO NOTHING RETURNING id', [batchId]);
  return rows.length === 1;
}

/** Forgets batch ids written over an hour ago: retries come within seconds. */
export async function pruneFlushes(knex: Knex): Promise<void> {
  await knex.raw(`DELETE FROM metering_flushes WHERE flushed_at < now() - interval '1 hour'`);
}

/** The developer's plan and Technical Partner status, or undefined when there is no such developer. */
export function tierFacts(knex: Knex | Knex.Transaction, developerId: string): Promise<{ pricing_tier: Tier; status: string | null } | undefined> {
  return knex('developer_accounts as d')
    .leftJoin('technical_partners as tp', 'tp.developer_id', 'd.id')
    .where('d.id', developerId)
    .first('d.pricing_tier', 'tp.status');
}
