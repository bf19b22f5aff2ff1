import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../../server/db/database.ts';
import { assertSummariesMatchRebuild } from '../helpers/invariants.ts';
import { type ChildServer, call, deploymentTokens, expectCall, killAll, limiter, migratedPostgres, startServer } from './child-server.ts';

/**
 * Two real API processes on one PostgreSQL database meter the same app's data-pool calls, each
 * in its own memory, and are stopped with SIGTERM: every call served is billed, exactly once.
 */
const DATABASE_URL = process.env.DATABASE_URL;

describe('metering across API processes on one PostgreSQL', {
  skip: DATABASE_URL ? false : 'DATABASE_URL is not set: several processes need a PostgreSQL server',
}, () => {
  let created: Awaited<ReturnType<typeof migratedPostgres>>;
  let a: ChildServer;
  let b: ChildServer;
  const tokens = deploymentTokens();
  const admin = { Authorization: `Bearer ${tokens.ADMIN_TOKEN}` };
  const service = { Authorization: `Bearer ${tokens.SERVICE_TOKEN}` };

  before(async () => {
    created = await migratedPostgres(DATABASE_URL!);
    // a long flush interval: the counts are written by the graceful stop, or not at all
    const env = { DATABASE_URL: created.url, ...tokens, DB_POOL_MAX: '5', METER_FLUSH_MS: '60000' };
    a = await startServer(env);
    b = await startServer(env);
  });

  after(async () => {
    await killAll();
    await created?.drop();
  });

  it('calls served by both processes are all billed once both stop gracefully', async () => {
    const developer = await expectCall(
      201,
      a.base,
      'POST',
      '/v1/admin/developers',
      { name: 'Two Process Developer', email: 'two-process@example.test' },
      admin,
    );
    const key = (await expectCall(201, a.base, 'POST', `/v1/admin/developers/${developer.id}/api-keys`, {}, admin)).key as string;
    const bearer = { Authorization: `Bearer ${key}` };
    const app = await expectCall(201, b.base, 'POST', '/v1/developer/me/apps', { name: 'Two Process App' }, bearer);
    const partner = await expectCall(
      201,
      a.base,
      'POST',
      '/v1/admin/partners',
      { directory_name: 'Two Process Directory', commission_percent: '10.00' },
      admin,
    );
    for (let i = 0; i < 3; i++) {
      const business = await expectCall(
        201,
        a.base,
        'POST',
        '/v1/events/businesses',
        { business_name: `Shop ${i}`, category: 'Pets', city: 'Austin', state: 'TX', is_verified: true },
        service,
      );
      await expectCall(201, a.base, 'POST', '/v1/events/referrals', { partner_id: partner.id, business_id: business.id }, service);
      await expectCall(200, a.base, 'POST', '/v1/events/conversions', { partner_id: partner.id, business_id: business.id }, service);
    }

    const run = limiter(20);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        run(() => call(i % 2 ? a.base : b.base, 'GET', `/v1/data/businesses?app_id=${app.id}&limit=${(i % 3) + 1}`, undefined, bearer)),
      ),
    );
    assert.deepEqual([...new Set(answers.map((x) => x.status))], [200]);
    const records = answers.reduce((sum, x) => sum + x.body.data.length, 0);

    assert.deepEqual(await Promise.all([a.stop(), b.stop()]), [0, 0]);
    const db = await openDatabase({ databaseUrl: created.url });
    try {
      const usage = await db
        .knex('api_usage')
        .where({ developer_id: developer.id })
        .first(db.knex.raw('sum(calls)::int AS calls'), db.knex.raw('sum(billed_amount)::text AS billed'));
      // 200 calls at the starter tier's 4.00 per 1,000
      assert.deepEqual(usage, { calls: 200, billed: '0.800000' });
      const counted = await db.knex('developer_apps').where({ id: app.id }).first('records_served');
      assert.equal(Number(counted.records_served), records);
      await assertSummariesMatchRebuild(db.knex);
    } finally {
      await db.close();
    }
  });
});
