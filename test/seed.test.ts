import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Knex } from 'knex';
import request from 'supertest';
import type { Database } from '../server/db/database.ts';
import { demoCredentials } from '../server/seed/demo-credentials.ts';
import { seedDemoData } from '../server/seed/demo-data.ts';
import { readTotals, rebuildSummaries } from '../server/summaries/summaries.ts';
import { testApp } from './helpers/app.ts';
import { databaseTargets } from './helpers/databases.ts';

const NOW = new Date('2026-11-01T00:00:00Z');
const OPTIONS = { businesses: 1_500, seed: 7, now: NOW, batchSize: 400 };

/** Counts and money totals that identify a data set. */
async function fingerprint(knex: Knex) {
  const { rows } = await knex.raw(`SELECT
    (SELECT count(*) FROM businesses) AS businesses,
    (SELECT count(*) FROM businesses WHERE is_verified) AS verified,
    (SELECT count(*) FROM directory_partners) AS directories,
    (SELECT count(*) FROM developer_accounts) AS developers,
    (SELECT count(*) FROM developer_apps) AS apps,
    (SELECT count(*) FROM partner_referrals) AS referrals,
    (SELECT count(*) FROM partner_referrals WHERE is_converted) AS conversions,
    (SELECT count(*) FROM partner_referred_businesses_api) AS data_pool,
    (SELECT count(*) FROM app_business_attributions) AS attributions,
    (SELECT count(*) FROM business_payments) AS payments,
    (SELECT sum(amount) FROM business_payments) AS paid,
    (SELECT count(*) FROM earnings_ledger) AS ledger_rows,
    (SELECT sum(amount) FROM earnings_ledger) AS earned,
    (SELECT count(*) FROM cmal_impact) AS cmal_rows,
    (SELECT sum(calls) FROM api_usage) AS api_calls,
    (SELECT string_agg(status || ':' || n, ',' ORDER BY status) FROM
       (SELECT status, count(*) AS n FROM technical_partners GROUP BY status) s) AS technical_partners`);
  return rows[0] as Record<string, unknown>;
}

const targets = databaseTargets();
for (const target of targets) {
  describe(`demo-data seeder [${target.name}]`, () => {
    let first: Database;
    let second: Database;
    before(async () => {
      [first, second] = await Promise.all([target.open(), target.open()]);
      await seedDemoData(first.knex, OPTIONS);
    });
    after(async () => {
      await Promise.all([first?.close(), second?.close()]);
    });

    it('produces realistic data: every technical-partner status, partial conversion, unverified businesses', async () => {
      const f = await fingerprint(first.knex);
      assert.equal(f.businesses, 1_500);
      assert.match(String(f.technical_partners), /^active:\d+,pending:\d+,suspended:\d+$/);
      assert.ok(Number(f.conversions) > 0 && Number(f.conversions) < Number(f.referrals));
      assert.ok(Number(f.verified) > 0 && Number(f.verified) < 1_500);
      assert.ok(Number(f.data_pool) > 0 && Number(f.attributions) > 0 && Number(f.ledger_rows) > 0);
      const months = await first.knex('cmal_impact').countDistinct({ n: 'period_start' }).first();
      assert.equal(months?.n, 12);
    });

    it('is deterministic: the same seed gives the same counts and totals', async () => {
      await seedDemoData(second.knex, OPTIONS);
      assert.deepEqual(await fingerprint(second.knex), await fingerprint(first.knex));
      const businesses = (knex: Knex) => knex('businesses').orderBy('id').limit(20).select('id', 'business_name', 'city', 'average_rating');
      assert.deepEqual(await businesses(second.knex), await businesses(first.knex));
    });

    it('is safe to re-run: nothing is duplicated or changed', async () => {
      const before = await fingerprint(first.knex);
      const totals = await readTotals(first.knex);
      const result = await seedDemoData(first.knex, OPTIONS);
      assert.equal(result.batchesSkipped, result.batches);
      assert.deepEqual(await fingerprint(first.knex), before);
      assert.deepEqual(await readTotals(first.knex), totals);
    });

    it('keeps the ledger equal to every running total', async () => {
      const { rows } = await first.knex.raw(`SELECT
        (SELECT coalesce(sum(amount), 0) FROM earnings_ledger WHERE channel = 'partner') AS ledger_partner,
        (SELECT sum(total_commission_earned) FROM directory_partners) AS partner_totals,
        (SELECT coalesce(sum(amount), 0) FROM earnings_ledger WHERE channel = 'app') AS ledger_app,
        (SELECT sum(total_app_earnings) FROM technical_partners) AS technical_totals,
        (SELECT sum(earnings_attributed) FROM app_business_attributions) AS attribution_totals`);
      const r = rows[0];
      assert.equal(Number(r.ledger_partner) > 0, true);
      assert.equal(r.partner_totals, r.ledger_partner);
      assert.equal(r.technical_totals, r.ledger_app);
      assert.equal(r.attribution_totals, r.ledger_app);
      // app earnings only ever go to active technical partners
      const { rows: inactive } = await first.knex.raw(`
        SELECT count(*) AS n FROM earnings_ledger l JOIN technical_partners tp ON tp.id = l.technical_partner_id
        WHERE tp.status <> 'active'`);
      assert.equal(inactive[0].n, 0);
    });

    it('leaves summaries equal to a rebuild from the base tables', async () => {
      const totals = await readTotals(first.knex);
      assert.equal(totals.pool_businesses, String((await fingerprint(first.knex)).data_pool));
      await rebuildSummaries(first.knex);
      assert.deepEqual(await readTotals(first.knex), totals);
    });

    it('gives credentials for a Technical Partner with history and for a newcomer partner and developer who have not upgraded', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'ew-demo-credentials-'));
      try {
        const file = join(folder, 'credentials.json');
        const issued = await demoCredentials(first.knex, file);
        const { app } = testApp(first);
        const me = (path: string, secret: string) => request(app).get(path).set('Authorization', `Bearer ${secret}`).expect(200);
        // the linked pair
        await me('/v1/partner/me/developer-impact', issued.partner.token);
        assert.equal((await me('/v1/developer/me', issued.developer.api_key)).body.id, issued.developer.id);
        // the newcomers: no developer account behind the directory, no directory behind the developer, no application
        await me('/v1/partner/me/developer-impact', issued.newcomer_partner.token);
        assert.equal((await me('/v1/developer/me', issued.newcomer_developer.api_key)).body.id, issued.newcomer_developer.id);
        assert.equal((await me('/v1/developer/me/technical-partner', issued.newcomer_developer.api_key)).body.technical_partner, null);
        assert.equal(await first.knex('developer_accounts').where({ partner_id: issued.newcomer_partner.id }).first('id'), undefined);
        const developer = await first.knex('developer_accounts').where({ id: issued.newcomer_developer.id }).first('partner_id', 'pricing_tier');
        assert.equal(developer.partner_id, null);
        assert.notEqual(developer.pricing_tier, 'technical_partner');
        assert.equal(await first.knex('technical_partners').where({ developer_id: issued.newcomer_developer.id }).first('id'), undefined);
        // kept: a second call issues nothing new
        assert.deepEqual(await demoCredentials(first.knex, file), issued);
        assert.equal(statSync(file).mode & 0o777, 0o600);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });

    it('grows a larger run on top of a smaller one without duplicates', async () => {
      await seedDemoData(first.knex, { ...OPTIONS, businesses: 2_000 });
      const grown = await fingerprint(first.knex);
      assert.equal(grown.businesses, 2_000);
      const { rows } = await first.knex.raw('SELECT count(DISTINCT business_name || id) AS n FROM businesses');
      assert.equal(rows[0].n, 2_000);
    });
  });
}
