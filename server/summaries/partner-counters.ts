import type { Knex } from 'knex';
import { POOL_MEMBERS } from './pool-members.ts';

/**
 * Each directory's running figures behind its developer-impact view (table `partner_counters`):
 * referrals, conversions and pooled businesses; records of its businesses read by apps; metered
 * calls about the businesses it converted, per product; those businesses attributed to each app;
 * its commissions per month (UTC). They are kept by the writers that change them, in their own
 * transaction, and equal to a rebuild from the base tables. `item` is what a metric is kept per
 * (the product, the app id, the month), else ''.
 *
 * A business's calls and attribution count for the directory whose referral of it converted,
 * whenever that happened. Usage and attribution writers hold the business row shared
 * (`holdBusinesses`) before they look that directory up, and a conversion holds it exclusively
 * before it credits what the business already had: whichever commits second sees the other.
 */
export type PartnerMetric = 'referrals' | 'conversions' | 'pool_businesses' | 'records_served' | 'api_calls' | 'attributed_businesses' | 'commissions';

export interface PartnerDelta {
  partnerId: string;
  metric: PartnerMetric;
  item?: string;
  delta: string | number;
}

const SHARDS = 4;
const UPSERT = `ON CONFLICT (partner_id, metric, item, shard) DO UPDATE SET value = partner_counters.value + excluded.value`;

/** Adds deltas (zero ones skipped), rows written in key order so concurrent writers never wait in a cycle. */
export async function bumpPartnerCounters(trx: Knex.Transaction, deltas: PartnerDelta[]): Promise<void> {
  const rows = deltas.filter((d) => Number(d.delta) !== 0).map((d) => ({ p: d.partnerId, m: d.metric, i: d.item ?? '', v: String(d.delta) }));
  if (rows.length === 0) return;
  await trx.raw(
    `INSERT INTO partner_counters (partner_id, metric, item, shard, value)
     SELECT p, m, i, shard, sum(v) FROM (
       SELECT d.p, d.m, d.i, floor(random() * ${SHARDS})::smallint AS shard, d.v::numeric AS v
       FROM json_to_recordset(?::json) AS d(p uuid, m text, i text, v text)
     ) d
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
     ${UPSERT}`,
    [JSON.stringify(rows)],
  );
}

/** Holds the businesses' rows shared until the transaction ends (see above); ids in order, so two holders never deadlock. */
export async function holdBusinesses(trx: Knex.Transaction, businessIds: string[]): Promise<void> {
  if (businessIds.length === 0) return;
  await trx.raw('SELECT id FROM businesses WHERE id = ANY(?::uuid[]) ORDER BY id FOR SHARE', [[...new Set(businessIds)]]);
}

/**
 * Credits each business's converting directory, if it has one, with `metric` per item: calls per
 * product, or one attributed business per app. The caller holds the businesses (`holdBusinesses`).
 */
export async function creditConvertingPartners(
  trx: Knex.Transaction,
  metric: 'api_calls' | 'attributed_businesses',
  rows: { businessId: string; item: string; delta: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  const { rows: deltas } = await trx.raw(
    `SELECT pr.partner_id AS "partnerId", r.item, sum(r.delta)::text AS delta
     FROM json_to_recordset(?::json) AS r("businessId" uuid, item text, delta bigint)
     JOIN partner_referrals pr ON pr.referred_business_id = r."businessId" AND pr.is_converted
     GROUP BY 1, 2`,
    [JSON.stringify(rows)],
  );
  await bumpPartnerCounters(
    trx,
    (deltas as { partnerId: string; item: string; delta: string }[]).map((d) => ({ ...d, metric })),
  );
}

/**
 * A referral has just converted (the business row held exclusively): the directory gains the
 * conversion and what the business brought before it — its metered calls and its attribution.
 */
export async function partnerConverted(trx: Knex.Transaction, partnerId: string, businessId: string): Promise<void> {
  const { rows } = await trx.raw(
    `SELECT 'api_calls' AS metric, product AS item, sum(calls)::text AS delta FROM api_usage WHERE business_id = ? GROUP BY product
     UNION ALL
     SELECT 'attributed_businesses', app_id::text, '1' FROM app_business_attributions WHERE business_id = ? AND app_id IS NOT NULL`,
    [businessId, businessId],
  );
  await bumpPartnerCounters(trx, [
    { partnerId, metric: 'conversions', delta: 1 },
    ...(rows as { metric: PartnerMetric; item: string; delta: string }[]).map((r) => ({ partnerId, ...r })),
  ]);
}

/**
 * The CTE that adds a statement's new partner-channel ledger lines (CTE `lines`, any channel) to
 * each directory's commissions of the line's month (UTC). Those writers already hold the
 * directory's row (its running total), so one shard is enough.
 */
export const PARTNER_COMMISSIONS_OF = (lines: string) => `partner_commission_months AS (
       INSERT INTO partner_counters (partner_id, metric, item, shard, value)
       SELECT partner_id, 'commissions', to_char(earned_at AT TIME ZONE 'UTC', 'YYYY-MM'), 0, sum(amount)
       FROM ${lines} WHERE channel = 'partner' GROUP BY 1, 3 ORDER BY 1, 3
       ${UPSERT}
     )`;

/** Every directory's figures from the base tables (one shard each): what `rebuildSummaries` writes. */
export const PARTNER_COUNTERS_FROM_BASE = `
  SELECT partner_id, 'referrals' AS metric, '' AS item, count(*)::numeric AS value FROM partner_referrals GROUP BY partner_id
  UNION ALL
  SELECT partner_id, 'conversions', '', count(*) FROM partner_referrals WHERE is_converted GROUP BY partner_id
  UNION ALL
  SELECT partner_id, 'pool_businesses', '', count(*) FROM (${POOL_MEMBERS}) p GROUP BY partner_id
  UNION ALL
  SELECT partner_id, 'records_served', '', sum(records_served) FROM app_directory_contributions GROUP BY partner_id
  UNION ALL
  SELECT pr.partner_id, 'api_calls', u.product, sum(u.calls)
  FROM api_usage u JOIN partner_referrals pr ON pr.referred_business_id = u.business_id AND pr.is_converted
  GROUP BY pr.partner_id, u.product
  UNION ALL
  SELECT pr.partner_id, 'attributed_businesses', a.app_id::text, count(*)
  FROM app_business_attributions a JOIN partner_referrals pr ON pr.referred_business_id = a.business_id AND pr.is_converted
  WHERE a.app_id IS NOT NULL GROUP BY pr.partner_id, a.app_id
  UNION ALL
  SELECT partner_id, 'commissions', to_char(earned_at AT TIME ZONE 'UTC', 'YYYY-MM'), sum(amount)
  FROM earnings_ledger WHERE channel = 'partner' GROUP BY partner_id, to_char(earned_at AT TIME ZONE 'UTC', 'YYYY-MM')`;
