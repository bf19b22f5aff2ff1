import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { type Database, migrateLatest, openDatabase } from '../../server/db/database.ts';
import { transaction } from '../../server/db/transaction.ts';
import { meter } from '../../server/resources/usage/metering.ts';
import { rebuildSummaries } from '../../server/summaries/summaries.ts';
import { testApp } from '../helpers/app.ts';
import { createPostgresDatabase, describeEachDatabase } from '../helpers/databases.ts';
import { assertLedgerMatchesTotals, assertSummariesMatchRebuild } from '../helpers/invariants.ts';
import { Scenario } from '../helpers/scenario.ts';
import { listen } from '../helpers/server.ts';

/**
 * Writers racing on the same rows, each from its own connection. Races only happen with several
 * connections, so everything but the month placement runs on the PostgreSQL leg.
 */
const postgresUrl = process.env.DATABASE_URL;
const onPostgres = postgresUrl ? describe : describe.skip;
if (!postgresUrl) console.log('# races: skipped on the embedded database (one connection); set DATABASE_URL to run them on PostgreSQL');

interface Sent {
  status: number;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
}

function client(base: string, headers: Record<string, string>) {
  return async (path: string, body: unknown, extra: Record<string, string> = {}): Promise<Sent> => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers, ...extra },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
}

const statuses = (results: Sent[]) => {
  const counts: Record<number, number> = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
};

onPostgres('racing writers [postgres]', () => {
  let db: Database;
  let drop: () => Promise<void>;
  let s: Scenario;
  let server: Awaited<ReturnType<typeof listen>>;
  let post: ReturnType<typeof client>;
  let admin: ReturnType<typeof client>;

  before(async () => {
    const created = await createPostgresDatabase(postgresUrl!);
    drop = created.drop;
    db = await openDatabase({ databaseUrl: created.url, poolMax: 20 });
    await migrateLatest(db.knex);
    const { app, config } = testApp(db);
    s = new Scenario(app, config);
    server = await listen(app);
    post = client(server.base, s.service);
    admin = client(server.base, s.admin);
  });
  after(async () => {
    await server.close();
    await db.close();
    await drop();
  });

  const poolEvents = async (ids: string[]) => {
    const rows: { business_id: string; n: number }[] = await db
      .knex('pool_events')
      .whereIn('business_id', ids)
      .groupBy('business_id')
      .select('business_id', db.knex.raw('count(*)::int AS n'));
    return new Map(rows.map((r) => [r.business_id, r.n]));
  };

  it('a conversion and a verification of one business at the same moment: it enters the pool once, counted and streamed', async () => {
    const partner = await s.partner();
    const businesses = await Promise.all(Array.from({ length: 40 }, () => s.business({ is_verified: false, category: 'Bakeries' })));
    for (const b of businesses) await post('/v1/events/referrals', { partner_id: partner.id, business_id: b.id });
    const results = await Promise.all(
      businesses.flatMap((b) => [
        post('/v1/events/conversions', { partner_id: partner.id, business_id: b.id }),
        post(`/v1/events/businesses/${b.id}/verification`, { is_verified: true }),
      ]),
    );
    assert.deepEqual(statuses(results), { 200: 80 });
    const ids = businesses.map((b) => b.id as string);
    const events = await poolEvents(ids);
    assert.deepEqual(
      ids.filter((id) => events.get(id) !== 1),
      [],
      'every business has exactly one pool entry',
    );
    const bakeries = await db.knex('pool_category_counts').where({ category: 'Bakeries' }).first('businesses');
    assert.equal(bakeries?.businesses, 40);
    await assertSummariesMatchRebuild(db.knex);
  });

  it('two first CMAL reports for one business and month: the counter holds the one the table keeps', async () => {
    const partner = await s.partner();
    const businesses = await Promise.all(Array.from({ length: 30 }, () => s.referredBusiness(partner.id)));
    const results = await Promise.all(
      businesses.flatMap((b) => [
        post('/v1/events/cmal-impact', { business_id: b.id, period_start: '2026-10-01', economic_impact: '1000.00' }),
        post('/v1/events/cmal-impact', { business_id: b.id, period_start: '2026-10-01', economic_impact: '250.50' }),
      ]),
    );
    assert.deepEqual(statuses(results), { 200: 60 });
    await assertSummariesMatchRebuild(db.knex);
  });

  it('a CMAL report racing the business’s entry into the pool is counted once', async () => {
    const partner = await s.partner();
    const businesses = await Promise.all(Array.from({ length: 30 }, () => s.business()));
    for (const b of businesses) await post('/v1/events/referrals', { partner_id: partner.id, business_id: b.id });
    const results = await Promise.all(
      businesses.flatMap((b) => [
        post('/v1/events/conversions', { partner_id: partner.id, business_id: b.id }),
        post('/v1/events/cmal-impact', { business_id: b.id, period_start: '2026-09-01', economic_impact: '777.77' }),
      ]),
    );
    assert.deepEqual(statuses(results), { 200: 60 });
    await assertSummariesMatchRebuild(db.knex);
  });

  it('80 concurrent creations of one directory or one developer email: one 201, the rest 409 naming the rule', async () => {
    const name = `Racing Directory ${randomUUID().slice(0, 8)}`;
    const partners = await Promise.all(Array.from({ length: 80 }, () => admin('/v1/admin/partners', { directory_name: name, commission_percent: '10.00' })));
    assert.deepEqual(statuses(partners), { 201: 1, 409: 79 });
    for (const r of partners.filter((r) => r.status === 409)) assert.match(r.body.error!.message, /directory .*already exists/i);

    const email = `racer-${randomUUID()}@example.test`;
    const developers = await Promise.all(Array.from({ length: 80 }, () => admin('/v1/admin/developers', { name: 'Racer', email })));
    assert.deepEqual(statuses(developers), { 201: 1, 409: 79 });
    for (const r of developers.filter((r) => r.status === 409)) assert.match(r.body.error!.message, /email already exists/i);
  });

  it('concurrent referrals, conversions by rival partners and attributions of one business: one wins, the rest 409', async () => {
    const [p1, p2] = [await s.partner(), await s.partner()];
    const business = await s.business();
    const referrals = await Promise.all(
      [p1, p2].flatMap((p) => Array.from({ length: 20 }, () => post('/v1/events/referrals', { partner_id: p.id, business_id: business.id }))),
    );
    assert.deepEqual(statuses(referrals), { 201: 2, 409: 38 });
    const conversions = await Promise.all(
      [p1, p2].flatMap((p) => Array.from({ length: 20 }, () => post('/v1/events/conversions', { partner_id: p.id, business_id: business.id }))),
    );
    assert.deepEqual(statuses(conversions), { 200: 1, 409: 39 });
    const tp = await s.technicalPartner('active');
    const attributions = await Promise.all(Array.from({ length: 40 }, () => post('/v1/events/attributions', { business_id: business.id, app_id: tp.app.id })));
    assert.deepEqual(statuses(attributions), { 201: 1, 409: 39 });
    assert.equal((await poolEvents([business.id])).get(business.id), 1);
    await assertSummariesMatchRebuild(db.knex);
  });

  it('metered calls crediting the same directories in opposite orders never deadlock', async () => {
    const partners = await Promise.all(Array.from({ length: 6 }, () => s.partner()));
    const developer = await s.developer();
    const app = await s.appOf(developer.key);
    const ids = partners.map((p) => p.id as string);
    const call = (order: string[]) =>
      db.knex.transaction((trx) =>
        meter(trx, {
          developerId: developer.id,
          appId: app.id,
          product: 'cmal',
          businessId: null,
          usageDate: '2026-11-15',
          tier: 'growth',
          calls: 1,
          records: order.map((partnerId, i) => ({ partnerId, count: i + 1 })),
        }),
      );
    // no retry here: the plain transaction shows whether the lock order alone avoids deadlocks
    const outcomes = await Promise.allSettled(Array.from({ length: 600 }, (_, i) => call(i % 2 ? ids : [...ids].reverse())));
    const failed = outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason?.code ?? o));
    assert.deepEqual(failed, []);
    const totals = await db.knex('developer_apps').where({ id: app.id }).first('records_served', 'contributing_directories');
    assert.deepEqual(totals, { records_served: 600 * (1 + 2 + 3 + 4 + 5 + 6), contributing_directories: 6 });
    await assertSummariesMatchRebuild(db.knex);
  });

  it('a deadlock between two units of work is retried: both commit', async () => {
    const [a, b] = [await s.business(), await s.business()];
    let arrived = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    let attempts = 0;
    const work = (first: string, second: string) =>
      transaction(db.knex, async (trx) => {
        attempts++;
        await trx('businesses').where({ id: first }).forUpdate().first('id');
        if (++arrived === 2) release();
        await bothHoldOne; // the first attempts lock in opposite orders; retries find the gate open
        await trx('businesses').where({ id: second }).forUpdate().first('id');
        await trx('businesses').where({ id: first }).update({ updated_at: trx.fn.now() });
      });
    await Promise.all([work(a.id, b.id), work(b.id, a.id)]);
    assert.equal(attempts, 3, 'PostgreSQL aborted one of the two, which ran again');
  });

  it('a burst of 1,000 payments through a pool of 4 connections stores all 1,000 on the first attempt', async () => {
    const created = await createPostgresDatabase(postgresUrl!);
    const small = await openDatabase({ databaseUrl: created.url, poolMax: 4 });
    try {
      await migrateLatest(small.knex);
      const { app, config } = testApp(small);
      const local = new Scenario(app, config);
      const target = await listen(app);
      try {
        const partner = await local.partner({ commission_percent: '12.50' });
        const businesses = await Promise.all(Array.from({ length: 10 }, () => local.referredBusiness(partner.id)));
        const pay = client(target.base, local.service);
        const results = await Promise.all(
          Array.from({ length: 1_000 }, (_, i) =>
            pay('/v1/events/payments', { business_id: businesses[i % 10]!.id, amount: '19.99' }, { 'Idempotency-Key': `burst-payment-${i}` }),
          ),
        );
        assert.deepEqual(statuses(results), { 201: 1_000 });
        const stored = await small.knex('business_payments').count({ n: '*' }).first();
        assert.equal(Number(stored?.n), 1_000);
        await assertLedgerMatchesTotals(small.knex);
        const partnerRow = await small.knex('directory_partners').where({ id: partner.id }).first('total_commission_earned');
        assert.equal(partnerRow?.total_commission_earned, '2500.00'); // 1,000 × round(19.99 × 12.50 %) = 1,000 × 2.50
      } finally {
        await target.close();
      }
    } finally {
      await small.close();
      await created.drop();
    }
  });
});

onPostgres('a busy pool [postgres]', () => {
  it('a request waits for a connection held longer than the former fixed 5 s timeout, then succeeds', async () => {
    const created = await createPostgresDatabase(postgresUrl!);
    const single = await openDatabase({ databaseUrl: created.url, poolMax: 1 });
    try {
      await migrateLatest(single.knex);
      const { app, config } = testApp(single);
      const s = new Scenario(app, config);
      const partner = await s.partner();
      const business = await s.referredBusiness(partner.id);
      const target = await listen(app);
      try {
        const pool = (single.knex.client as { pool: { numPendingAcquires(): number } }).pool;
        let answer: Promise<Sent> | undefined;
        await single.knex.transaction(async (trx) => {
          await trx.raw('SELECT 1'); // the pool's only connection is now taken
          answer = client(target.base, s.service)(
            '/v1/events/payments',
            { business_id: business.id, amount: '10.00' },
            { 'Idempotency-Key': 'held-pool-payment' },
          );
          while (pool.numPendingAcquires() === 0) await delay(10);
          await delay(6_000);
        });
        const result = await answer!;
        assert.equal(result.status, 201, JSON.stringify(result.body));
      } finally {
        await target.close();
      }
    } finally {
      await single.close();
      await created.drop();
    }
  });
});

describeEachDatabase('summaries month by month', (db) => {
  it('a business that entered the pool months ago leaves, and its CMAL for an old month is corrected: every month matches a rebuild', async () => {
    const { app, config } = testApp(db());
    const s = new Scenario(app, config);
    const partner = await s.partner();
    const business = await s.referredBusiness(partner.id);
    await s.post('/v1/events/cmal-impact', { business_id: business.id, period_start: '2026-06-01', economic_impact: '100.00' }, s.service, 200);
    // as a seeded history would have it: verified, converted and reported four months ago
    const knex = db().knex;
    const past = knex.raw("now() - interval '120 days'");
    await knex('businesses').where({ id: business.id }).update({ created_at: past, verified_at: past });
    await knex('partner_referrals').where({ referred_business_id: business.id }).update({ created_at: past, converted_at: past });
    await knex('pool_events').where({ business_id: business.id }).update({ entered_at: past });
    await knex('cmal_impact').where({ business_id: business.id }).update({ reported_at: past });
    await rebuildSummaries(knex);

    await s.post('/v1/events/cmal-impact', { business_id: business.id, period_start: '2026-06-01', economic_impact: '160.00' }, s.service, 200);
    await s.post('/v1/events/cmal-impact', { business_id: business.id, period_start: '2026-07-01', economic_impact: '40.00' }, s.service, 200);
    await assertSummariesMatchRebuild(knex);
    await s.post(`/v1/events/businesses/${business.id}/verification`, { is_verified: false }, s.service, 200);
    await assertSummariesMatchRebuild(knex);
    await s.post(`/v1/events/businesses/${business.id}/verification`, { is_verified: true }, s.service, 200);
    await assertSummariesMatchRebuild(knex);
  });
});
