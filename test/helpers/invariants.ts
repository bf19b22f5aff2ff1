import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { readTotals, rebuildSummaries } from '../../server/summaries/summaries.ts';

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

/** Incremental upkeep of the summaries must equal a rebuild from the base tables. */
export async function assertSummariesMatchRebuild(knex: Knex): Promise<void> {
  const incremental = await readTotals(knex);
  const categories = await knex('pool_category_counts').where('businesses', '>', 0).orderBy('category').select('category', 'businesses');
  const places = await knex('pool_location_counts').where('businesses', '>', 0).orderBy(['state', 'city']).select('state', 'city', 'businesses');
  const appTotals = () => knex('app_directory_totals').orderBy(['app_id', 'partner_id']).select('app_id', 'partner_id', 'records_served');
  const appCounters = () => knex('developer_apps').orderBy('id').select('id', 'records_served', 'contributing_directories');
  const [totalsBefore, countersBefore] = [await appTotals(), await appCounters()];
  await rebuildSummaries(knex);
  assert.deepEqual(await appTotals(), totalsBefore);
  assert.deepEqual(await appCounters(), countersBefore);
  const normalize = (t: Record<string, string>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Number(v)]));
  assert.deepEqual(normalize(await readTotals(knex)), normalize(incremental));
  assert.deepEqual(await knex('pool_category_counts').orderBy('category').select('category', 'businesses'), categories);
  assert.deepEqual(await knex('pool_location_counts').orderBy(['state', 'city']).select('state', 'city', 'businesses'), places);
}
