import type { Knex } from 'knex';
import { runSql } from '../server/db/run-sql.ts';

/**
 * The data pool's counters are placed in months that a rebuild can recompute: each pooled
 * business in the month it entered (a business that leaves is taken out of that month, not of
 * the month it left), and CMAL impact in each report's own period month. Counters kept under
 * the earlier placement are recomputed here from the base tables.
 */
const POOL = `
  SELECT b.id, greatest(pr.converted_at, b.verified_at) AS entered_at
  FROM businesses b JOIN partner_referrals pr ON pr.referred_business_id = b.id AND pr.is_converted
  WHERE b.is_verified`;

export async function up(knex: Knex): Promise<void> {
  await runSql(knex, `
    DELETE FROM ecosystem_counters WHERE metric IN ('pool_businesses', 'pool_cmal_impact');
    INSERT INTO ecosystem_counters (metric, month, shard, value)
    SELECT 'pool_businesses', date_trunc('month', entered_at AT TIME ZONE 'UTC')::date, 0, count(*)
    FROM (${POOL}) p GROUP BY 2;
    INSERT INTO ecosystem_counters (metric, month, shard, value)
    SELECT 'pool_cmal_impact', date_trunc('month', ci.period_start)::date, 0, sum(ci.economic_impact)
    FROM cmal_impact ci JOIN (${POOL}) p ON p.id = ci.business_id GROUP BY 2;
  `);
}

/** The earlier placement cannot be recovered (it depended on when each change happened); nothing to undo. */
export async function down(): Promise<void> {}
