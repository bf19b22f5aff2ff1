import type { Knex } from 'knex';
import { AppError } from '../../errors.ts';
import { bumpCounters } from '../../summaries/summaries.ts';

export type Tier = 'starter' | 'growth' | 'technical_partner';

export interface Metering {
  developerId: string;
  appId: string | null;
  product: string;
  /** The one business the calls were about, if any. */
  businessId: string | null;
  usageDate: string;
  tier: Tier;
  calls: number;
  /** Partner-referred records read, per contributing directory (credited to the app). */
  records: { partnerId: string; count: number }[];
}

/**
 * Meters calls in the caller's transaction: the usage row (billed at the tier's price), the
 * app's contribution per directory (first one makes it partner-powered), the attribution's
 * call count when the business is attributed to this developer, and the ecosystem counters.
 */
export async function meter(trx: Knex.Transaction, m: Metering): Promise<{ unitPrice: string }> {
  // Priced and upserted in one statement; the price row is the one in force now.
  const { rows } = await trx.raw(
    `WITH price AS (
       SELECT CASE WHEN ? = 'technical_partner' THEN technical_partner_price_per_1000 ELSE price_per_1000 END AS unit
       FROM api_products WHERE code = ?
     ), usage AS (
       INSERT INTO api_usage AS u (developer_id, app_id, product, business_id, usage_date, pricing_tier, calls, billed_amount)
       SELECT ?, ?, ?, ?, ?::date, ?, ?::bigint, ?::bigint * price.unit / 1000 FROM price
       ON CONFLICT (developer_id, app_id, product, business_id, usage_date, pricing_tier)
       DO UPDATE SET calls = u.calls + excluded.calls, billed_amount = u.billed_amount + excluded.billed_amount
     )
     SELECT unit::text AS unit, (?::bigint * unit / 1000)::text AS billed FROM price`,
    [m.tier, m.product, m.developerId, m.appId, m.product, m.businessId, m.usageDate, m.tier, m.calls, m.calls, m.calls],
  );
  const priced = rows[0] as { unit: string; billed: string } | undefined;
  if (!priced) throw new AppError('validation_failed', `Unknown API product ${m.product}`);
  const month = `${m.usageDate.slice(0, 7)}-01`;
  // one order for every writer: two calls crediting the same directories lock their rows alike
  const records = m.records.filter((r) => r.count > 0).sort((a, b) => (a.partnerId < b.partnerId ? -1 : a.partnerId > b.partnerId ? 1 : 0));
  const recordsServed = records.reduce((sum, r) => sum + r.count, 0);
  let poweredAt: Date | undefined;
  if (m.appId && records.length > 0) {
    const perDirectory = JSON.stringify(records.map((r) => ({ partner_id: r.partnerId, count: r.count })));
    // The row lock of the UPDATE makes "first time" exact under concurrency: one writer sees NULL.
    const { rows: powered } = await trx.raw(
      `WITH added AS (
         INSERT INTO app_directory_contributions AS c (app_id, partner_id, month, records_served)
         SELECT ?, r.partner_id, ?::date, r.count FROM json_to_recordset(?::json) AS r(partner_id uuid, count bigint)
         ON CONFLICT (app_id, partner_id, month) DO UPDATE SET records_served = c.records_served + excluded.records_served
       )
       UPDATE developer_apps SET partner_powered_at = now() WHERE id = ? AND partner_powered_at IS NULL RETURNING partner_powered_at`,
      [m.appId, month, perDirectory, m.appId],
    );
    poweredAt = powered[0]?.partner_powered_at;
    // All-time totals per (app, directory) and per app; a pair inserted now is a new contributor.
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
      [m.appId, perDirectory, recordsServed, m.appId],
    );
  }
  if (m.businessId) {
    await trx.raw(
      `UPDATE app_business_attributions
       SET api_calls_generated = coalesce(api_calls_generated, 0) + ?,
           first_api_call_at = coalesce(first_api_call_at, now())
       WHERE business_id = ? AND developer_id = ? AND (app_id IS NULL OR ?::uuid IS NULL OR app_id = ?::uuid)`,
      [m.calls, m.businessId, m.developerId, m.appId, m.appId],
    );
  }
  await bumpCounters(trx, [
    { metric: 'api_calls', at: `${m.usageDate}T00:00:00Z`, delta: m.calls },
    { metric: 'api_billing', at: `${m.usageDate}T00:00:00Z`, delta: priced.billed },
    { metric: 'partner_data_records', at: `${month}T00:00:00Z`, delta: recordsServed },
    ...(poweredAt ? [{ metric: 'partner_powered_apps' as const, at: poweredAt, delta: 1 }] : []),
  ]);
  return { unitPrice: priced.unit };
}

/** The tier a developer's calls are billed at when no key says otherwise. */
export async function currentTier(knex: Knex | Knex.Transaction, developerId: string): Promise<Tier | undefined> {
  const row = await knex('developer_accounts as d')
    .leftJoin('technical_partners as tp', 'tp.developer_id', 'd.id')
    .where('d.id', developerId)
    .first('d.pricing_tier', 'tp.status');
  if (!row) return undefined;
  return row.status === 'active' ? 'technical_partner' : row.pricing_tier;
}
