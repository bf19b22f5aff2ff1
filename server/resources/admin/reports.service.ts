import type { Knex } from 'knex';
import type { z } from 'zod';
import type { Answer } from '../../http/api.ts';
import { sharePercent } from '../../money.ts';
import { readTotals } from '../../summaries/summaries.ts';
import type * as schemas from './admin.schemas.ts';
import * as repository from './reports.repository.ts';

/** The admin's whole-ecosystem view: money, cross-pollination between the programs, health. */

export async function revenue(knex: Knex, months: number): Promise<Answer<typeof schemas.Revenue>> {
  const byMonth = await repository.revenueByMonth(knex, months);
  const t = await repository.revenueTotals(knex);
  return {
    totals: {
      platform_revenue: t.platform_revenue,
      payouts: t.payouts,
      net: t.net,
      partner_program: { revenue: t.p, payouts: t.pp, net: t.pn },
      developer_platform: { revenue: t.b, payouts: t.ap, net: t.bn },
    },
    months: byMonth,
  };
}

export async function crossPollination(knex: Knex, months: number): Promise<Answer<typeof schemas.CrossPollination>> {
  const r = await repository.accountCounts(knex);
  const byMonth = await repository.crossingsByMonth(knex, months);
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
    months: byMonth,
  };
}

type Indicator = z.input<typeof schemas.HealthIndicator>;

/** Rates where higher is better get healthy at >= healthy, watch at >= watch; the rest are at risk. */
function rate(
  key: string,
  label: string,
  value: number,
  healthy: number,
  watch: number,
  definition: string,
  unit: Indicator['unit'] = 'percent',
  lowerIsBetter = false,
): Indicator {
  const ok = (threshold: number) => (lowerIsBetter ? value <= threshold : value >= threshold);
  const cmp = lowerIsBetter ? '≤' : '≥';
  return {
    key,
    label,
    unit,
    definition,
    value: unit === 'count' ? String(value) : value.toFixed(2),
    status: ok(healthy) ? 'healthy' : ok(watch) ? 'watch' : 'at_risk',
    thresholds: { healthy: `${cmp} ${healthy}`, watch: `${cmp} ${watch}` },
  };
}

export async function health(knex: Knex): Promise<Answer<typeof schemas.Health>> {
  const totals = await readTotals(knex);
  const growth = await repository.poolGrowth(knex);
  const concentration = await repository.directoryConcentration(knex);
  const tp = await repository.technicalPartnerFunnel(knex);
  const pct = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : 0);
  return {
    generated_at: new Date().toISOString(),
    indicators: [
      rate(
        'data_pool_growth',
        'Data pool growth',
        growth.previous > 0 ? pct(growth.last - growth.previous, growth.previous) : growth.last > 0 ? 100 : 0,
        0,
        -10,
        'Change in businesses entering the data pool, last complete month against the month before (%).',
      ),
      rate(
        'referral_conversion',
        'Referral conversion',
        pct(Number(totals.conversions), Number(totals.referrals)),
        50,
        30,
        'Share of partner referrals that converted into businesses on the platform (%).',
      ),
      rate(
        'apps_on_partner_data',
        'Apps on partner data',
        pct(Number(totals.partner_powered_apps), Number(totals.apps)),
        50,
        25,
        'Share of developer apps that read partner-referred business data (%).',
      ),
      rate(
        'directory_concentration',
        'Directory concentration',
        pct(concentration.top, concentration.total),
        25,
        40,
        'Share of the data pool contributed by the single largest directory (%); lower is healthier.',
        'percent',
        true,
      ),
      rate(
        'active_technical_partners',
        'Active Technical Partners',
        pct(tp.active, tp.total),
        50,
        30,
        `Share of Technical Partner applications that are active (%); ${tp.active} of ${tp.total}.`,
      ),
      rate(
        'pending_approval_age',
        'Oldest pending approval',
        tp.oldest_pending_days,
        7,
        14,
        'Days the oldest pending Technical Partner application has waited; lower is healthier.',
        'days',
        true,
      ),
    ],
  };
}
