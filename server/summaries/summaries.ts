import type { Knex } from 'knex';
import { PARTNER_COUNTERS_FROM_BASE } from './partner-counters.ts';
import { POOL_MEMBERS } from './pool-members.ts';

/**
 * The ecosystem's running aggregates. Writers call these inside their own transaction; a rebuild
 * recomputes everything derivable from the base tables (after a bulk load, or to audit drift).
 */
export const METRICS = [
  'directories',
  'developers',
  'apps',
  'partner_powered_apps',
  'referrals',
  'conversions',
  'pool_businesses',
  'pool_cmal_impact',
  'api_calls',
  'api_billing',
  'partner_data_records',
  'business_payments',
  'partner_earnings',
  'app_earnings',
] as const;
export type Metric = (typeof METRICS)[number];

export interface CounterDelta {
  metric: Metric;
  /** When the change happened; it is counted in that month (UTC). */
  at: Date | string;
  delta: string | number;
}

const SHARDS = 4;
const MONTH_OF = (expr: string) => `date_trunc('month', (${expr}) AT TIME ZONE 'UTC')::date`;

/**
 * Adds deltas to the counters (zero deltas are skipped). Rows are written in one order (metric,
 * month, shard), so two writers bumping the same counters never wait on each other in a cycle.
 */
export async function bumpCounters(trx: Knex.Transaction | Knex, deltas: CounterDelta[]): Promise<void> {
  const rows = deltas.filter((d) => Number(d.delta) !== 0);
  if (rows.length === 0) return;
  await trx.raw(
    `INSERT INTO ecosystem_counters (metric, month, shard, value)
     SELECT metric, month, shard, sum(delta) FROM (
       SELECT d.metric, ${MONTH_OF('d.at::timestamptz')} AS month, floor(random() * ${SHARDS})::smallint AS shard, d.delta::numeric AS delta
       FROM json_to_recordset(?::json) AS d(metric text, at text, delta text)
     ) d
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3
     ON CONFLICT (metric, month, shard) DO UPDATE SET value = ecosystem_counters.value + excluded.value`,
    [JSON.stringify(rows.map((d) => ({ ...d, at: toIso(d.at), delta: String(d.delta) })))],
  );
}

export const POOL_CHANNEL = 'pool_events';
const POOL_EVENTS_LOCK = 7_420_001;

/**
 * Businesses that have just entered the data pool (called after the change that completed their
 * membership): counts them by category and place, adds them and the CMAL impact already reported
 * for them, and logs and announces each entry (NOTIFY is delivered when the transaction commits,
 * to every API process).
 */
export async function poolEntered(trx: Knex.Transaction, businessIds: string[]): Promise<void> {
  if (businessIds.length === 0) return;
  await changePool(trx, businessIds, 1);
  // Event ids must follow commit order, or a stream client resuming after id N could miss an
  // entry numbered below N that committed later. Holding this lock to commit serialises them.
  await trx.raw('SELECT pg_advisory_xact_lock(?)', [POOL_EVENTS_LOCK]);
  await trx.raw(
    `WITH e AS (
       INSERT INTO pool_events (business_id, partner_id, entered_at)
       SELECT m.id, m.partner_id, m.entered_at FROM (${POOL_MEMBERS}) m WHERE m.id = ANY(?::uuid[])
       ORDER BY m.id
       RETURNING id, business_id, entered_at
     )
     SELECT pg_notify(?, json_build_object('id', e.id, 'entered_at', e.entered_at, 'business', row_to_json(v))::text)
     FROM e JOIN partner_referred_businesses_api v ON v.id = e.business_id
     ORDER BY e.id`,
    [businessIds, POOL_CHANNEL],
  );
}

/** Businesses about to leave the data pool (called before the change that ends their membership). */
export async function poolLeaving(trx: Knex.Transaction, businessIds: string[]): Promise<void> {
  await changePool(trx, businessIds, -1);
}

async function changePool(trx: Knex.Transaction, ids: string[], sign: 1 | -1) {
  if (ids.length === 0) return;
  // Entering adds (upsert); leaving subtracts from rows that must exist. An upsert cannot
  // subtract: CHECK (businesses >= 0) is tested on the proposed row before the conflict.
  const counts =
    sign === 1
      ? `cat AS (
           INSERT INTO pool_category_counts AS c (category, businesses)
           SELECT category, count(*) FROM m GROUP BY category ORDER BY category
           ON CONFLICT (category) DO UPDATE SET businesses = c.businesses + excluded.businesses
         ), loc AS (
           INSERT INTO pool_location_counts AS l (state, city, businesses)
           SELECT state, city, count(*) FROM m GROUP BY state, city ORDER BY state, city
           ON CONFLICT (state, city) DO UPDATE SET businesses = l.businesses + excluded.businesses
         )`
      : `cat AS (
           UPDATE pool_category_counts c SET businesses = c.businesses - n.n
           FROM (SELECT category, count(*) AS n FROM m GROUP BY category) n WHERE c.category = n.category
         ), loc AS (
           UPDATE pool_location_counts l SET businesses = l.businesses - n.n
           FROM (SELECT state, city, count(*) AS n FROM m GROUP BY state, city) n WHERE l.state = n.state AND l.city = n.city
         )`;
  // each directory's pooled businesses too (partner_counters), on a random shard as bumpPartnerCounters does
  const { rows } = await trx.raw(
    `WITH m AS (SELECT * FROM (${POOL_MEMBERS}) p WHERE p.id = ANY(?::uuid[])), ${counts}, per_partner AS (
       INSERT INTO partner_counters AS c (partner_id, metric, item, shard, value)
       SELECT partner_id, 'pool_businesses', '', floor(random() * ${SHARDS})::smallint, ${sign} * count(*) FROM m GROUP BY partner_id ORDER BY partner_id
       ON CONFLICT (partner_id, metric, item, shard) DO UPDATE SET value = c.value + excluded.value
     )
     SELECT 'pool_businesses' AS metric, entered_at::text AS at, count(*)::text AS delta FROM m GROUP BY entered_at
     UNION ALL
     SELECT 'pool_cmal_impact', ci.period_start::text || 'T00:00:00Z', sum(ci.economic_impact)::text
     FROM cmal_impact ci WHERE ci.business_id IN (SELECT id FROM m) GROUP BY ci.period_start`,
    [ids],
  );
  await bumpCounters(
    trx,
    (rows as { metric: Metric; at: string; delta: string }[]).map((r) => ({ ...r, delta: sign === 1 ? r.delta : `-${r.delta}` })),
  );
}

/** Recomputes every derived aggregate from the base tables, in one transaction. */
export async function rebuildSummaries(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw('LOCK TABLE ecosystem_counters, pool_category_counts, pool_location_counts, app_directory_totals, partner_counters IN EXCLUSIVE MODE');
    await trx.raw('DELETE FROM partner_counters');
    await trx.raw(
      `INSERT INTO partner_counters (partner_id, metric, item, shard, value) SELECT partner_id, metric, item, 0, value FROM (${PARTNER_COUNTERS_FROM_BASE}) c`,
    );
    await trx.raw('DELETE FROM ecosystem_counters');
    await trx.raw('DELETE FROM pool_category_counts');
    await trx.raw('DELETE FROM pool_location_counts');
    const pool = POOL_MEMBERS;
    await trx.raw(`
      INSERT INTO pool_category_counts (category, businesses)
      SELECT category, count(*) FROM (${pool}) p GROUP BY category`);
    await trx.raw(`
      INSERT INTO pool_location_counts (state, city, businesses)
      SELECT state, city, count(*) FROM (${pool}) p GROUP BY state, city`);
    const sources: Record<Metric, string> = {
      directories: `SELECT created_at AS at, 1 AS v FROM directory_partners`,
      developers: `SELECT created_at AS at, 1 AS v FROM developer_accounts`,
      apps: `SELECT created_at AS at, 1 AS v FROM developer_apps`,
      partner_powered_apps: `SELECT partner_powered_at AS at, 1 AS v FROM developer_apps WHERE partner_powered_at IS NOT NULL`,
      referrals: `SELECT created_at AS at, 1 AS v FROM partner_referrals`,
      conversions: `SELECT converted_at AS at, 1 AS v FROM partner_referrals WHERE is_converted`,
      pool_businesses: `SELECT entered_at AS at, 1 AS v FROM (${pool}) p`,
      pool_cmal_impact: `
        SELECT ci.period_start::timestamp AT TIME ZONE 'UTC' AS at, ci.economic_impact AS v
        FROM cmal_impact ci JOIN (${pool}) p ON p.id = ci.business_id`,
      api_calls: `SELECT usage_date::timestamp AT TIME ZONE 'UTC' AS at, calls AS v FROM api_usage`,
      api_billing: `SELECT usage_date::timestamp AT TIME ZONE 'UTC' AS at, billed_amount AS v FROM api_usage`,
      partner_data_records: `SELECT month::timestamp AT TIME ZONE 'UTC' AS at, records_served AS v FROM app_directory_contributions`,
      business_payments: `SELECT paid_at AS at, amount AS v FROM business_payments UNION ALL SELECT refunded_at, -amount FROM payment_refunds`,
      partner_earnings: `SELECT earned_at AS at, amount AS v FROM earnings_ledger WHERE channel = 'partner'`,
      app_earnings: `SELECT earned_at AS at, amount AS v FROM earnings_ledger WHERE channel = 'app'`,
    };
    await trx.raw('DELETE FROM app_directory_totals');
    await trx.raw(`
      INSERT INTO app_directory_totals (app_id, partner_id, records_served)
      SELECT app_id, partner_id, sum(records_served) FROM app_directory_contributions GROUP BY app_id, partner_id`);
    await trx.raw(`
      UPDATE developer_apps a
      SET records_served = coalesce(t.records, 0), contributing_directories = coalesce(t.directories, 0)
      FROM developer_apps x
      LEFT JOIN (SELECT app_id, sum(records_served) AS records, count(*) AS directories FROM app_directory_totals GROUP BY app_id) t ON t.app_id = x.id
      WHERE a.id = x.id AND (a.records_served, a.contributing_directories) IS DISTINCT FROM (coalesce(t.records, 0), coalesce(t.directories, 0))`);
    for (const metric of METRICS) {
      await trx.raw(
        `INSERT INTO ecosystem_counters (metric, month, shard, value)
         SELECT ?, ${MONTH_OF('s.at')}, 0, sum(s.v) FROM (${sources[metric]}) s GROUP BY 2`,
        [metric],
      );
    }
  });
}

/** All-time totals of every metric, as exact decimal strings. */
export async function readTotals(knex: Knex): Promise<Record<Metric, string>> {
  const { rows } = await knex.raw(`SELECT metric, trim_scale(sum(value))::text AS total FROM ecosystem_counters GROUP BY metric`);
  const totals = Object.fromEntries(METRICS.map((m) => [m, '0'])) as Record<Metric, string>;
  for (const row of rows as { metric: Metric; total: string }[]) totals[row.metric] = row.total;
  return totals;
}

function toIso(at: Date | string): string {
  return at instanceof Date ? at.toISOString() : at;
}
