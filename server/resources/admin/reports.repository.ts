import type { Knex } from 'knex';
import type { z } from 'zod';
import { LAST_MONTHS } from '../../db/months.ts';
import type { CrossPollination, Revenue } from './admin.schemas.ts';

/** The admin's whole-ecosystem reads: money and growth from the counters, funnels from the account tables. */

// Money stays in NUMERIC: API billing (kept to 1/10000 of a cent) is rounded to cents per month.
const MONEY_PER_MONTH = `
  SELECT month,
         coalesce(sum(value) FILTER (WHERE metric = 'business_payments'), 0)::numeric(16,2) AS business_payments,
         round(coalesce(sum(value) FILTER (WHERE metric = 'api_billing'), 0), 2) AS api_billing,
         coalesce(sum(value) FILTER (WHERE metric = 'partner_earnings'), 0)::numeric(16,2) AS partner_payouts,
         coalesce(sum(value) FILTER (WHERE metric = 'app_earnings'), 0)::numeric(16,2) AS app_payouts
  FROM ecosystem_counters
  WHERE metric IN ('business_payments', 'api_billing', 'partner_earnings', 'app_earnings')
  GROUP BY month`;

/** Revenue, payouts and net for each of the last `months` months (zeros where nothing happened). */
export async function revenueByMonth(knex: Knex, months: number): Promise<z.input<typeof Revenue>['months']> {
  const { rows } = await knex.raw(
    `WITH m AS (${MONEY_PER_MONTH}), series AS (${LAST_MONTHS})
     SELECT to_char(s.month, 'YYYY-MM') AS month,
            coalesce(m.business_payments, 0)::numeric(16,2)::text AS business_payments,
            coalesce(m.api_billing, 0)::numeric(16,2)::text AS api_billing,
            (coalesce(m.business_payments, 0) + coalesce(m.api_billing, 0))::numeric(16,2)::text AS platform_revenue,
            coalesce(m.partner_payouts, 0)::numeric(16,2)::text AS partner_payouts,
            coalesce(m.app_payouts, 0)::numeric(16,2)::text AS app_payouts,
            (coalesce(m.partner_payouts, 0) + coalesce(m.app_payouts, 0))::numeric(16,2)::text AS payouts,
            (coalesce(m.business_payments, 0) + coalesce(m.api_billing, 0) - coalesce(m.partner_payouts, 0) - coalesce(m.app_payouts, 0))::numeric(16,2)::text AS net
     FROM series s LEFT JOIN m ON m.month = s.month ORDER BY s.month`,
    [months],
  );
  return rows;
}

/** All-time money: p/pp/pn the Partner Program's revenue, payouts and net; b/ap/bn the Developer Platform's. */
export type RevenueTotals = Record<'platform_revenue' | 'payouts' | 'net' | 'p' | 'pp' | 'pn' | 'b' | 'ap' | 'bn', string>;

export async function revenueTotals(knex: Knex): Promise<RevenueTotals> {
  const { rows } = await knex.raw(
    `WITH m AS (${MONEY_PER_MONTH}), t AS (
       SELECT sum(business_payments) AS p, sum(api_billing) AS b, sum(partner_payouts) AS pp, sum(app_payouts) AS ap FROM m
     )
     SELECT coalesce(p + b, 0)::numeric(16,2)::text AS platform_revenue, coalesce(pp + ap, 0)::numeric(16,2)::text AS payouts,
            coalesce(p + b - pp - ap, 0)::numeric(16,2)::text AS net,
            coalesce(p, 0)::numeric(16,2)::text AS p, coalesce(pp, 0)::numeric(16,2)::text AS pp, coalesce(p - pp, 0)::numeric(16,2)::text AS pn,
            coalesce(b, 0)::numeric(16,2)::text AS b, coalesce(ap, 0)::numeric(16,2)::text AS ap, coalesce(b - ap, 0)::numeric(16,2)::text AS bn
     FROM t`,
  );
  return rows[0];
}

export interface AccountCounts {
  directories: number;
  developers: number;
  /** Developer accounts linked to a directory created after them, and before them. */
  dev_first: number;
  partner_first: number;
  pending: number;
  active: number;
  suspended: number;
  /** Technical Partner applications tied to a directory. */
  linked: number;
}

export async function accountCounts(knex: Knex): Promise<AccountCounts> {
  const { rows } = await knex.raw(`
    SELECT (SELECT count(*) FROM directory_partners)::int AS directories,
           (SELECT count(*) FROM developer_accounts)::int AS developers,
           (SELECT count(*) FROM developer_accounts d JOIN directory_partners p ON p.id = d.partner_id WHERE d.created_at < p.created_at)::int AS dev_first,
           (SELECT count(*) FROM developer_accounts d JOIN directory_partners p ON p.id = d.partner_id WHERE d.created_at >= p.created_at)::int AS partner_first,
           (SELECT count(*) FROM technical_partners WHERE status = 'pending')::int AS pending,
           (SELECT count(*) FROM technical_partners WHERE status = 'active')::int AS active,
           (SELECT count(*) FROM technical_partners WHERE status = 'suspended')::int AS suspended,
           (SELECT count(*) FROM technical_partners WHERE partner_id IS NOT NULL)::int AS linked`);
  return rows[0];
}

/** Accounts that crossed between the programs in each of the last `months` months. */
export async function crossingsByMonth(knex: Knex, months: number): Promise<z.input<typeof CrossPollination>['months']> {
  const { rows } = await knex.raw(
    `WITH series AS (${LAST_MONTHS}), links AS (
       SELECT date_trunc('month', greatest(d.created_at, p.created_at) AT TIME ZONE 'UTC')::date AS month,
              d.created_at < p.created_at AS developer_first
       FROM developer_accounts d JOIN directory_partners p ON p.id = d.partner_id
     ), applications AS (
       SELECT date_trunc('month', created_at AT TIME ZONE 'UTC')::date AS month FROM technical_partners
     )
     SELECT to_char(s.month, 'YYYY-MM') AS month,
            (SELECT count(*) FROM links l WHERE l.month = s.month AND l.developer_first)::int AS developers_became_partners,
            (SELECT count(*) FROM links l WHERE l.month = s.month AND NOT l.developer_first)::int AS partners_became_developers,
            (SELECT count(*) FROM applications a WHERE a.month = s.month)::int AS technical_partner_applications
     FROM series s ORDER BY s.month`,
    [months],
  );
  return rows;
}

/** Businesses that entered the data pool in the last complete month and in the month before. */
export async function poolGrowth(knex: Knex): Promise<{ last: number; previous: number }> {
  const { rows } = await knex.raw(`
    SELECT coalesce(sum(value) FILTER (WHERE month = date_trunc('month', now() AT TIME ZONE 'UTC' - interval '1 month')::date), 0)::float AS last,
           coalesce(sum(value) FILTER (WHERE month = date_trunc('month', now() AT TIME ZONE 'UTC' - interval '2 months')::date), 0)::float AS previous
    FROM ecosystem_counters WHERE metric = 'pool_businesses'`);
  return rows[0];
}

/** Pool entries of businesses still pooled: of the largest directory, and of all. */
export async function directoryConcentration(knex: Knex): Promise<{ top: number; total: number }> {
  const { rows } = await knex.raw(`
    SELECT coalesce(max(n), 0)::float AS top, coalesce(sum(n), 0)::float AS total
    FROM (SELECT count(*) AS n FROM pool_events e
          JOIN partner_referred_businesses_api v ON v.id = e.business_id AND v.partner_id = e.partner_id
          GROUP BY e.partner_id) s`);
  return rows[0];
}

/** Technical Partner applications: active ones, all, and the age of the oldest pending one. */
export async function technicalPartnerFunnel(knex: Knex): Promise<{ active: number; total: number; oldest_pending_days: number }> {
  const { rows } = await knex.raw(`
    SELECT count(*) FILTER (WHERE status = 'active')::int AS active, count(*)::int AS total,
           coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'pending')) / 86400, 0)::float AS oldest_pending_days
    FROM technical_partners`);
  return rows[0];
}
