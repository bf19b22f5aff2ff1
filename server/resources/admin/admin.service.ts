import type { Knex } from 'knex';
import type { z } from 'zod';
import { conflict, notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../http/schemas.ts';
import { sharePercent } from '../../money.ts';
import { bumpCounters, readTotals } from '../../summaries/summaries.ts';
import { insertApiKey, insertPartnerToken, revokeApiKey, revokePartnerToken } from '../credentials/credentials.repository.ts';
import { issueSecret } from '../credentials/secrets.ts';
import * as technicalPartners from '../technical-partners/technical-partners.repository.ts';
import { present, priceList } from '../technical-partners/technical-partners.service.ts';
import type * as schemas from './admin.schemas.ts';
import { transaction } from '../../db/transaction.ts';

/** The admin's whole-ecosystem view: money, cross-pollination, health; and account management. */

export async function revenue(knex: Knex, months: number): Promise<z.input<typeof schemas.Revenue>> {
  // Money arithmetic stays in NUMERIC: API billing (kept to 1/10000 of a cent) is rounded to cents per month.
  const perMonth = `
    SELECT month,
           coalesce(sum(value) FILTER (WHERE metric = 'business_payments'), 0)::numeric(16,2) AS business_payments,
           round(coalesce(sum(value) FILTER (WHERE metric = 'api_billing'), 0), 2) AS api_billing,
           coalesce(sum(value) FILTER (WHERE metric = 'partner_earnings'), 0)::numeric(16,2) AS partner_payouts,
           coalesce(sum(value) FILTER (WHERE metric = 'app_earnings'), 0)::numeric(16,2) AS app_payouts
    FROM ecosystem_counters
    WHERE metric IN ('business_payments', 'api_billing', 'partner_earnings', 'app_earnings')
    GROUP BY month`;
  const { rows } = await knex.raw(
    `WITH m AS (${perMonth}),
     series AS (
       SELECT generate_series(date_trunc('month', now() AT TIME ZONE 'UTC') - (? - 1) * interval '1 month',
                              date_trunc('month', now() AT TIME ZONE 'UTC'), interval '1 month')::date AS month
     )
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
  const totals = await knex.raw(
    `WITH m AS (${perMonth}), t AS (
       SELECT sum(business_payments) AS p, sum(api_billing) AS b, sum(partner_payouts) AS pp, sum(app_payouts) AS ap FROM m
     )
     SELECT coalesce(p + b, 0)::numeric(16,2)::text AS platform_revenue, coalesce(pp + ap, 0)::numeric(16,2)::text AS payouts,
            coalesce(p + b - pp - ap, 0)::numeric(16,2)::text AS net,
            coalesce(p, 0)::numeric(16,2)::text AS p, coalesce(pp, 0)::numeric(16,2)::text AS pp, coalesce(p - pp, 0)::numeric(16,2)::text AS pn,
            coalesce(b, 0)::numeric(16,2)::text AS b, coalesce(ap, 0)::numeric(16,2)::text AS ap, coalesce(b - ap, 0)::numeric(16,2)::text AS bn
     FROM t`,
  );
  const t = totals.rows[0];
  return {
    totals: {
      platform_revenue: t.platform_revenue,
      payouts: t.payouts,
      net: t.net,
      partner_program: { revenue: t.p, payouts: t.pp, net: t.pn },
      developer_platform: { revenue: t.b, payouts: t.ap, net: t.bn },
    },
    months: rows,
  };
}

export async function crossPollination(knex: Knex, months: number): Promise<z.input<typeof schemas.CrossPollination>> {
  const { rows } = await knex.raw(`
    SELECT (SELECT count(*) FROM directory_partners)::int AS directories,
           (SELECT count(*) FROM developer_accounts)::int AS developers,
           (SELECT count(*) FROM developer_accounts d JOIN directory_partners p ON p.id = d.partner_id WHERE d.created_at < p.created_at)::int AS dev_first,
           (SELECT count(*) FROM developer_accounts d JOIN directory_partners p ON p.id = d.partner_id WHERE d.created_at >= p.created_at)::int AS partner_first,
           (SELECT count(*) FROM technical_partners WHERE status = 'pending')::int AS pending,
           (SELECT count(*) FROM technical_partners WHERE status = 'active')::int AS active,
           (SELECT count(*) FROM technical_partners WHERE status = 'suspended')::int AS suspended,
           (SELECT count(*) FROM technical_partners WHERE partner_id IS NOT NULL)::int AS linked`);
  const r = rows[0];
  const series = await knex.raw(
    `WITH series AS (
       SELECT generate_series(date_trunc('month', now() AT TIME ZONE 'UTC') - (? - 1) * interval '1 month',
                              date_trunc('month', now() AT TIME ZONE 'UTC'), interval '1 month')::date AS month
     ), links AS (
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
  const applications = r.pending + r.active + r.suspended;
  return {
    directories: r.directories,
    developers: r.developers,
    developers_who_became_partners: r.dev_first,
    partners_who_became_developers: r.partner_first,
    technical_partners: { pending: r.pending, active: r.active, suspended: r.suspended, linked_to_directory: r.linked },
    rates: {
      partner_to_developer_percent: sharePercent(r.dev_first + r.partner_first, r.directories),
      developer_to_partner_percent: sharePercent(r.dev_first, r.developers),
      developer_to_technical_partner_percent: sharePercent(applications, r.developers),
      technical_partner_approval_percent: sharePercent(r.active + r.suspended, applications),
    },
    months: series.rows,
  };
}

type Indicator = z.input<typeof schemas.HealthIndicator>;

/** Rates where higher is better get healthy at >= healthy, watch at >= watch; the rest are at risk. */
function rate(key: string, label: string, value: number, healthy: number, watch: number, definition: string, unit: Indicator['unit'] = 'percent', lowerIsBetter = false): Indicator {
  const ok = (threshold: number) => (lowerIsBetter ? value <= threshold : value >= threshold);
  const cmp = lowerIsBetter ? '≤' : '≥';
  return {
    key, label, unit, definition,
    value: unit === 'count' ? String(value) : value.toFixed(2),
    status: ok(healthy) ? 'healthy' : ok(watch) ? 'watch' : 'at_risk',
    thresholds: { healthy: `${cmp} ${healthy}`, watch: `${cmp} ${watch}` },
  };
}

export async function health(knex: Knex): Promise<z.input<typeof schemas.Health>> {
  const totals = await readTotals(knex);
  const { rows: growthRows } = await knex.raw(`
    SELECT coalesce(sum(value) FILTER (WHERE month = date_trunc('month', now() AT TIME ZONE 'UTC' - interval '1 month')::date), 0)::float AS last,
           coalesce(sum(value) FILTER (WHERE month = date_trunc('month', now() AT TIME ZONE 'UTC' - interval '2 months')::date), 0)::float AS previous
    FROM ecosystem_counters WHERE metric = 'pool_businesses'`);
  const { rows: concentrationRows } = await knex.raw(`
    SELECT coalesce(max(n), 0)::float AS top, coalesce(sum(n), 0)::float AS total
    FROM (SELECT count(*) AS n FROM pool_events e
          JOIN partner_referred_businesses_api v ON v.id = e.business_id AND v.partner_id = e.partner_id
          GROUP BY e.partner_id) s`);
  const { rows: tpRows } = await knex.raw(`
    SELECT count(*) FILTER (WHERE status = 'active')::int AS active, count(*)::int AS total,
           coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'pending')) / 86400, 0)::float AS oldest_pending_days
    FROM technical_partners`);
  const growth = growthRows[0];
  const concentration = concentrationRows[0];
  const tp = tpRows[0];
  const pct = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : 0);
  return {
    generated_at: new Date().toISOString(),
    indicators: [
      rate('data_pool_growth', 'Data pool growth', growth.previous > 0 ? pct(growth.last - growth.previous, growth.previous) : growth.last > 0 ? 100 : 0, 0, -10,
        'Change in businesses entering the data pool, last complete month against the month before (%).'),
      rate('referral_conversion', 'Referral conversion', pct(Number(totals.conversions), Number(totals.referrals)), 50, 30,
        'Share of partner referrals that converted into businesses on the platform (%).'),
      rate('apps_on_partner_data', 'Apps on partner data', pct(Number(totals.partner_powered_apps), Number(totals.apps)), 50, 25,
        'Share of developer apps that read partner-referred business data (%).'),
      rate('directory_concentration', 'Directory concentration', pct(concentration.top, concentration.total), 25, 40,
        'Share of the data pool contributed by the single largest directory (%); lower is healthier.', 'percent', true),
      rate('active_technical_partners', 'Active Technical Partners', pct(tp.active, tp.total), 50, 30,
        `Share of Technical Partner applications that are active (%); ${tp.active} of ${tp.total}.`),
      rate('pending_approval_age', 'Oldest pending approval', tp.oldest_pending_days, 7, 14,
        'Days the oldest pending Technical Partner application has waited; lower is healthier.', 'days', true),
    ],
  };
}

export async function listTechnicalPartners(knex: Knex, query: z.output<typeof schemas.TechnicalPartnerListQuery>): Promise<z.input<typeof schemas.TechnicalPartnerList>> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await technicalPartners.list(knex, {
    status: query.status,
    limit: query.limit + 1,
    after: after?.length === 2 ? (after as [string, string]) : undefined,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    technical_partners: page.map((row) => ({
      ...present(row),
      developer: { name: row.developer_name, email: row.developer_email, company: row.developer_company },
      directory_name: row.directory_name,
    })),
    next_cursor: rows.length > query.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
  };
}

export async function createPartner(knex: Knex, body: z.output<typeof schemas.CreatePartnerBody>): Promise<z.input<typeof schemas.Partner>> {
  return transaction(knex, async (trx) => {
    const existing = await trx('directory_partners').whereRaw('lower(directory_name) = lower(?)', [body.directory_name]).first('id');
    if (existing) throw conflict(`A directory named "${body.directory_name}" already exists`, { id: existing.id });
    const [row] = await trx('directory_partners').insert(body).returning('*');
    await bumpCounters(trx, [{ metric: 'directories', at: row.created_at, delta: 1 }]);
    return {
      id: row.id, directory_name: row.directory_name, site_url: row.site_url, commission_percent: row.commission_percent, status: row.status,
      allowed_origins: row.allowed_origins, total_commission_earned: row.total_commission_earned, created_at: row.created_at.toISOString(),
    };
  });
}

export async function issuePartnerToken(knex: Knex, partnerId: string): Promise<z.input<typeof schemas.IssuedPartnerToken>> {
  const partner = await knex('directory_partners').where({ id: partnerId }).first('id');
  if (!partner) throw notFound('Partner');
  const issued = issueSecret('ewp');
  const row = await insertPartnerToken(knex, partnerId, issued);
  return { id: row.id, partner_id: partnerId, token: issued.secret, prefix: row.token_prefix, created_at: row.created_at.toISOString() };
}

export async function createDeveloper(knex: Knex, body: z.output<typeof schemas.CreateDeveloperBody>): Promise<z.input<typeof schemas.Developer>> {
  return transaction(knex, async (trx) => {
    if (body.partner_id) {
      const partner = await trx('directory_partners').where({ id: body.partner_id }).first('id');
      if (!partner) throw notFound(`Partner ${body.partner_id}`);
      const linked = await trx('developer_accounts').where({ partner_id: body.partner_id }).first('id');
      if (linked) throw conflict('That partner already has a linked developer account', { developer_id: linked.id });
    }
    const taken = await trx('developer_accounts').whereRaw('lower(email) = lower(?)', [body.email]).first('id');
    if (taken) throw conflict('A developer account with that email already exists', { id: taken.id });
    const [row] = await trx('developer_accounts').insert(body).returning('*');
    await bumpCounters(trx, [{ metric: 'developers', at: row.created_at, delta: 1 }]);
    return { id: row.id, name: row.name, email: row.email, company: row.company, pricing_tier: row.pricing_tier, partner_id: row.partner_id, created_at: row.created_at.toISOString() };
  });
}

export async function issueDeveloperKey(knex: Knex, developerId: string) {
  const developer = await knex('developer_accounts').where({ id: developerId }).first('id', 'pricing_tier');
  if (!developer) throw notFound('Developer');
  const issued = issueSecret('ewk');
  // An ordinary key bills at the account's plan; preferential keys come only with an approval.
  const key = await insertApiKey(knex, developerId, developer.pricing_tier === 'technical_partner' ? 'growth' : developer.pricing_tier, issued);
  return { id: key.id, key: issued.secret, prefix: key.key_prefix, pricing_tier: key.pricing_tier, created_at: key.created_at.toISOString(), prices: await priceList(knex) };
}

export async function revokeKey(knex: Knex, keyId: string) {
  if (!(await revokeApiKey(knex, keyId))) throw notFound('Active API key');
  return { revoked: true as const };
}

export async function revokeToken(knex: Knex, tokenId: string) {
  if (!(await revokePartnerToken(knex, tokenId))) throw notFound('Active partner token');
  return { revoked: true as const };
}
