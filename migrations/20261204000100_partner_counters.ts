import type { Knex } from 'knex';
import { runSql } from '../server/db/run-sql.ts';

/**
 * A directory's running figures behind its developer-impact view, kept by the writers that change
 * them: referrals, conversions and businesses in the data pool; records of its businesses read by
 * apps; metered calls about the businesses it converted, per API product; those businesses
 * attributed to each app; its commissions per month. Summing a big directory's referrals, usage and ledger per view grew with
 * its size (docs/PERFORMANCE.md, "Scaling"); this reads a few dozen rows whatever its size.
 * `item` is what a metric is kept per: the product, the app id or the month (YYYY-MM), else ''.
 * Counts are split over a few `shard` rows, so a directory's concurrent writers seldom wait on one row.
 */
export async function up(knex: Knex): Promise<void> {
  await runSql(knex, `
    CREATE TABLE partner_counters (
      partner_id UUID NOT NULL REFERENCES directory_partners(id),
      metric TEXT NOT NULL CHECK (metric IN ('referrals', 'conversions', 'pool_businesses', 'records_served', 'api_calls',
                                         'attributed_businesses', 'commissions')),
      item TEXT NOT NULL DEFAULT '',
      shard SMALLINT NOT NULL DEFAULT 0,
      value NUMERIC NOT NULL,
      PRIMARY KEY (partner_id, metric, item, shard)
    );
    INSERT INTO partner_counters (partner_id, metric, item, shard, value)
    SELECT partner_id, 'referrals', '', 0, count(*) FROM partner_referrals GROUP BY partner_id
    UNION ALL
    SELECT partner_id, 'conversions', '', 0, count(*) FROM partner_referrals WHERE is_converted GROUP BY partner_id
    UNION ALL
    SELECT pr.partner_id, 'pool_businesses', '', 0, count(*)
    FROM businesses b JOIN partner_referrals pr ON pr.referred_business_id = b.id AND pr.is_converted
    WHERE b.is_verified GROUP BY pr.partner_id
    UNION ALL
    SELECT partner_id, 'records_served', '', 0, sum(records_served) FROM app_directory_contributions GROUP BY partner_id
    UNION ALL
    SELECT pr.partner_id, 'api_calls', u.product, 0, sum(u.calls)
    FROM api_usage u JOIN partner_referrals pr ON pr.referred_business_id = u.business_id AND pr.is_converted
    GROUP BY pr.partner_id, u.product
    UNION ALL
    SELECT pr.partner_id, 'attributed_businesses', a.app_id::text, 0, count(*)
    FROM app_business_attributions a JOIN partner_referrals pr ON pr.referred_business_id = a.business_id AND pr.is_converted
    WHERE a.app_id IS NOT NULL GROUP BY pr.partner_id, a.app_id
    UNION ALL
    SELECT partner_id, 'commissions', to_char(earned_at AT TIME ZONE 'UTC', 'YYYY-MM'), 0, sum(amount)
    FROM earnings_ledger WHERE channel = 'partner' GROUP BY partner_id, to_char(earned_at AT TIME ZONE 'UTC', 'YYYY-MM');
    -- a directory's apps, most records first: its developer-impact list reads the top of this
    CREATE INDEX app_directory_totals_partner_top_idx ON app_directory_totals (partner_id, records_served DESC, app_id);
    DROP INDEX app_directory_totals_partner_idx;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await runSql(knex, `
    CREATE INDEX app_directory_totals_partner_idx ON app_directory_totals (partner_id);
    DROP INDEX app_directory_totals_partner_top_idx;
    DROP TABLE partner_counters;
  `);
}
