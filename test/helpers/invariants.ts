import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { rebuildSummaries } from '../../server/summaries/summaries.ts';

/** The ledger is the single source of truth: every running total must equal its sum. */
export async function assertLedgerMatchesTotals(knex: Knex): Promise<void> {
  const { rows } = await knex.raw(`SELECT
    (SELECT coalesce(sum(amount), 0)::text FROM earnings_ledger WHERE channel = 'partner') AS ledger_partner,
    (SELECT coalesce(sum(total_commission_earned), 0)::text FROM directory_partners) AS partner_totals,
    (SELECT coalesce(sum(amount), 0)::text FROM earnings_ledger WHERE channel = 'app') AS ledger_app,
    (SELECT coalesce(sum(total_app_earnings), 0)::text FROM technical_partners) AS technical_totals,
    (SELECT coalesce(sum(earnings_attributed), 0)::text FROM app_business_attributions) AS attribution_totals`);
  const r = rows[0];
  assert.equal(Number(r.partner_totals), Number(r.ledger_partner), 'partner commissions = ledger');
  assert.equal(Number(r.technical_totals), Number(r.ledger_app), 'technical-partner earnings = ledger');
  assert.equal(Number(r.attribution_totals), Number(r.ledger_app), 'attributed earnings = ledger');
  const { rows: perPartner } = await knex.raw(`
    SELECT dp.id FROM directory_partners dp
    LEFT JOIN (SELECT partner_id, sum(amount) AS s FROM earnings_ledger GROUP BY partner_id) l ON l.partner_id = dp.id
    WHERE dp.total_commission_earned <> coalesce(l.s, 0)
    UNION ALL
    SELECT tp.id FROM technical_partners tp
    LEFT JOIN (SELECT technical_partner_id, sum(amount) AS s FROM earnings_ledger GROUP BY technical_partner_id) l ON l.technical_partner_id = tp.id
    WHERE tp.total_app_earnings <> coalesce(l.s, 0)`);
  assert.deepEqual(perPartner, [], 'every beneficiary’s total equals its ledger rows');
}

/** Every counter per (metric, month), as exact decimal strings; months summing to zero are left out. */
async function monthlyCounters(knex: Knex): Promise<Record<string, string>> {
  const { rows } = await knex.raw(
    `SELECT metric, to_char(month, 'YYYY-MM') AS month, trim_scale(sum(value))::text AS value
     FROM ecosystem_counters GROUP BY metric, month HAVING sum(value) <> 0 ORDER BY metric, month`,
  );
  return Object.fromEntries((rows as { metric: string; month: string; value: string }[]).map((r) => [`${r.metric} ${r.month}`, r.value]));
}

/** Incremental upkeep of the summaries must equal a rebuild from the base tables, month by month. */
export async function assertSummariesMatchRebuild(knex: Knex): Promise<void> {
  const incremental = await monthlyCounters(knex);
  const categories = await knex('pool_category_counts').where('businesses', '>', 0).orderBy('category').select('category', 'businesses');
  const places = await knex('pool_location_counts').where('businesses', '>', 0).orderBy(['state', 'city']).select('state', 'city', 'businesses');
  const appTotals = () => knex('app_directory_totals').orderBy(['app_id', 'partner_id']).select('app_id', 'partner_id', 'records_served');
  const appCounters = () => knex('developer_apps').orderBy('id').select('id', 'records_served', 'contributing_directories');
  const partnerCounters = async () =>
    (
      await knex.raw(
        `SELECT partner_id, metric, item, trim_scale(sum(value))::text AS value FROM partner_counters
         GROUP BY 1, 2, 3 HAVING sum(value) <> 0 ORDER BY 1, 2, 3`,
      )
    ).rows;
  const [totalsBefore, countersBefore, partnerBefore] = [await appTotals(), await appCounters(), await partnerCounters()];
  await rebuildSummaries(knex);
  assert.deepEqual(await partnerCounters(), partnerBefore, "each directory's running figures = rebuild");
  assert.deepEqual(await appTotals(), totalsBefore, 'per-app directory totals = rebuild');
  assert.deepEqual(await appCounters(), countersBefore, 'per-app counters = rebuild');
  assert.deepEqual(incremental, await monthlyCounters(knex), 'every counter, month by month = rebuild');
  assert.deepEqual(await knex('pool_category_counts').where('businesses', '>', 0).orderBy('category').select('category', 'businesses'), categories);
  assert.deepEqual(await knex('pool_location_counts').where('businesses', '>', 0).orderBy(['state', 'city']).select('state', 'city', 'businesses'), places);
}
