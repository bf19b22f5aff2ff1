import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import request from 'supertest';
import { type Database, migrateLatest, openDatabase } from '../../server/db/database.ts';
import { databaseError } from '../../server/db/database-errors.ts';
import { testApp } from '../helpers/app.ts';
import { type createPostgresDatabase, describeEachDatabase } from '../helpers/databases.ts';
import { Scenario } from '../helpers/scenario.ts';
import { listen } from '../helpers/server.ts';
import { proxiedPostgres, type TcpProxy } from '../helpers/tcp-proxy.ts';
import { GIVE_UP_MS, until } from '../helpers/wait.ts';

/**
 * Only turns a hang into a failure with a message: far above the time anything here takes. These
 * tests judge what the server answers, not how fast; latency belongs to `npm run bench`.
 */

/** A GET that must be answered, whatever the database does. */
const get = (app: Parameters<typeof request>[0], path: string, headers: Record<string, string> = {}) => request(app).get(path).set(headers).timeout(GIVE_UP_MS);

function assertUnavailable(res: request.Response) {
  assert.equal(res.status, 503, JSON.stringify(res.body));
  assert.equal(res.body.error.code, 'database_unavailable');
  assert.ok(!JSON.stringify(res.body).includes('    at '));
}

describeEachDatabase('a payment that fails half-way', (db) => {
  it('leaves no partial rows, and the same key succeeds once the fault is gone', async () => {
    const { app, config } = testApp(db());
    const s = new Scenario(app, config);
    const partner = await s.partner({ commission_percent: '10.00' });
    const business = await s.referredBusiness(partner.id);
    const knex = db().knex;
    // the ledger write (after the payment row and before the totals) fails
    await knex.raw(`CREATE FUNCTION fail_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected fault'; END $$`);
    await knex.raw(`CREATE TRIGGER fail_ledger BEFORE INSERT ON earnings_ledger FOR EACH ROW EXECUTE FUNCTION fail_ledger()`);
    const counters = await knex('ecosystem_counters').sum({ s: 'value' }).first();
    const res = await request(app)
      .post('/v1/events/payments')
      .set({ ...s.service, 'Idempotency-Key': 'half-way-1' })
      .send({ business_id: business.id, amount: '50.00' });
    assert.equal(res.status, 500);
    assert.deepEqual(res.body, { error: { code: 'internal_error', message: 'Internal server error' } });
    assert.equal((await knex('business_payments').where({ business_id: business.id }).count({ n: '*' }).first())!.n, 0);
    assert.equal((await knex('earnings_ledger').where({ business_id: business.id }).count({ n: '*' }).first())!.n, 0);
    assert.equal((await knex('directory_partners').where({ id: partner.id }).first()).total_commission_earned, '0.00');
    assert.deepEqual(await knex('ecosystem_counters').sum({ s: 'value' }).first(), counters);
    await knex.raw('DROP TRIGGER fail_ledger ON earnings_ledger');
    const retry = await s.post('/v1/events/payments', { business_id: business.id, amount: '50.00' }, { ...s.service, 'Idempotency-Key': 'half-way-1' }, 201);
    assert.equal(retry.earnings[0].amount, '5.00');
  });
});

describe('embedded database closed', () => {
  it('readiness and data routes answer 503', async () => {
    const db = await openDatabase();
    await migrateLatest(db.knex);
    const { app, config } = testApp(db);
    const s = new Scenario(app, config);
    const developer = await s.developer();
    await db.pglite!.close();
    assertUnavailable(await get(app, '/readyz'));
    assertUnavailable(await get(app, '/v1/public/ecosystem/impact'));
    assertUnavailable(await get(app, '/v1/data/businesses', s.bearer(developer.key)));
    await db.close();
  });
});

// Declared only where a PostgreSQL server is configured, like every PostgreSQL suite.
if (process.env.DATABASE_URL)
  describe('PostgreSQL faults', () => {
    let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
    let proxy: TcpProxy;
    let db: Database;
    let s: Scenario;
    let app: Parameters<typeof request>[0];
    let developerKey: string;

    before(async () => {
      let viaProxy: string;
      ({ created, proxy, url: viaProxy } = await proxiedPostgres(process.env.DATABASE_URL!));
      db = await openDatabase({ databaseUrl: viaProxy, poolMax: 5 });
      await migrateLatest(db.knex);
      const built = testApp(db, { SSE_HEARTBEAT_MS: 500 });
      app = built.app;
      s = new Scenario(built.app, built.config);
      developerKey = (await s.developer()).key;
    });
    after(async () => {
      await proxy.start();
      await db.close();
      await proxy.stop();
      await created.drop();
    });

    it('server unreachable: 503, then recovery by itself when it returns', async () => {
      await proxy.stop();
      assertUnavailable(await get(app, '/readyz'));
      assertUnavailable(await get(app, '/v1/public/feed'));
      assertUnavailable(await get(app, '/v1/data/businesses', s.bearer(developerKey)));
      await proxy.start(); // same port
      await until(async () => (await request(app).get('/readyz')).status === 200, 'recovery');
      assert.equal((await get(app, '/v1/data/businesses', s.bearer(developerKey))).status, 200);
    });

    it('connections terminated by the server: every request is answered, and the pool heals', async () => {
      const admin = new pg.Client({ connectionString: created.url });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      await admin.end();
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await get(app, '/v1/public/ecosystem/impact')).status);
      assert.ok(
        statuses.every((st) => st === 200 || st === 503),
        String(statuses),
      );
      assert.equal(statuses.at(-1), 200);
    });

    it('the live stream survives a lost listening session: nothing committed meanwhile is lost', async () => {
      const server = await listen(app as never);
      const partner = await s.partner();
      const controller = new AbortController();
      const res = await fetch(`${server.base}/v1/public/feed/stream`, { signal: controller.signal });
      let text = '';
      const reading = (async () => {
        const decoder = new TextDecoder();
        try {
          for await (const chunk of res.body!) text += decoder.decode(chunk as Uint8Array, { stream: true });
        } catch {
          // aborted
        }
      })();
      await until(async () => text.includes('retry:'), 'stream opened');
      const admin = new pg.Client({ connectionString: created.url });
      await admin.connect();
      const killed = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`);
      await admin.end();
      assert.equal(killed.rowCount, 1);
      const during = await s.referredBusiness(partner.id); // committed while nobody listens
      await until(async () => text.includes(during.id), 'the missed entry to arrive');
      const afterwards = await s.referredBusiness(partner.id);
      await until(async () => text.includes(afterwards.id), 'the next entry to arrive');
      controller.abort();
      await reading;
      await server.close();
    });
  });

if (process.env.DATABASE_URL)
  describe('PostgreSQL behind a network black hole', () => {
    let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
    let proxy: TcpProxy;
    let db: Database;
    let s: Scenario;
    let app: Parameters<typeof request>[0];
    let developerKey: string;

    before(async () => {
      let viaProxy: string;
      ({ created, proxy, url: viaProxy } = await proxiedPostgres(process.env.DATABASE_URL!));
      const migrator = await openDatabase({ databaseUrl: created.url });
      await migrateLatest(migrator.knex);
      await migrator.close();
      db = await openDatabase({ databaseUrl: viaProxy, poolMax: 5, statementTimeoutMs: 1_000 });
      const built = testApp(db);
      app = built.app;
      s = new Scenario(built.app, built.config);
      developerKey = (await s.developer()).key;
    });
    after(async () => {
      proxy.release();
      await db.close();
      await proxy.stop();
      await created.drop();
    });

    it('every request on a connection whose answers never come is answered 503, then the pool recovers', async () => {
      // warm connections: the black hole swallows queries already sent on them
      assert.equal((await get(app, '/v1/data/businesses', s.bearer(developerKey))).status, 200);
      assert.equal((await get(app, '/v1/public/feed')).status, 200);
      proxy.blackHole();
      try {
        assertUnavailable(await get(app, '/v1/public/feed'));
        assertUnavailable(await get(app, '/v1/data/businesses', s.bearer(developerKey)));
        assertUnavailable(await get(app, '/v1/public/ecosystem/impact'));
      } finally {
        proxy.release();
      }
      await until(async () => (await request(app).get('/v1/public/feed')).status === 200, 'recovery');
    });

    it('a statement past statement_timeout is cancelled by the server and answered as busy', async () => {
      const error = await db.knex.raw('SELECT pg_sleep(5)').then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.equal((error as { code?: string } | undefined)?.code, '57014');
      assert.equal(databaseError(error)?.code, 'database_busy');
    });
  });
