import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Database, openDatabase } from '../../server/db/database.ts';
import { createPostgresDatabase } from '../helpers/databases.ts';
import { assertLedgerMatchesTotals, assertSummariesMatchRebuild } from '../helpers/invariants.ts';
import { type ChildServer, call, deploymentTokens, expectCall, killAll, limiter, startServer } from './child-server.ts';

/**
 * The server is SIGKILLed in the middle of a burst of payments, then started again on the same
 * data. Every payment is all-or-nothing, every acknowledged one survived, and re-sending the
 * whole burst with the same idempotency keys stores exactly the missing ones.
 */
const PAYMENTS = 400;
const KILL_AFTER = 120; // answers received before the kill
const AMOUNTS = ['0.10', '1.05', '19.99', '33.33', '80.05', '199.99', '0.01', '4999.95'];

interface Target {
  name: string;
  /** Settings that point the server at a fresh, empty database. */
  prepare(): Promise<Record<string, string>>;
  /** The database, opened by the test once no server runs. */
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

function pgliteTarget(): Target {
  let folder = '';
  return {
    name: 'pglite',
    async prepare() {
      folder = mkdtempSync(join(tmpdir(), 'ew-kill-'));
      return { DATA_DIR: join(folder, 'pglite') };
    },
    open: () => openDatabase({ dataDir: join(folder, 'pglite') }),
    async cleanup() {
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}

function postgresTarget(url: string): Target {
  let created: Awaited<ReturnType<typeof createPostgresDatabase>> | undefined;
  return {
    name: 'postgres',
    async prepare() {
      created = await createPostgresDatabase(url);
      return { DATABASE_URL: created.url };
    },
    open: () => openDatabase({ databaseUrl: created!.url }),
    cleanup: async () => created?.drop(),
  };
}

const targets = [pgliteTarget(), ...(process.env.DATABASE_URL ? [postgresTarget(process.env.DATABASE_URL)] : [])];

for (const target of targets) {
  describe(`SIGKILL in a payment burst [${target.name}]`, () => {
    const tokens = deploymentTokens();
    const admin = { Authorization: `Bearer ${tokens.ADMIN_TOKEN}` };
    const service = { Authorization: `Bearer ${tokens.SERVICE_TOKEN}` };
    let env: Record<string, string>;
    let server: ChildServer;
    const businesses: { id: string; attributed: boolean }[] = [];

    before(async () => {
      env = { ...(await target.prepare()), ...tokens };
      server = await startServer(env); // migrates the empty database itself
      const base = server.base;
      const partners = [
        await expectCall(201, base, 'POST', '/v1/admin/partners', { directory_name: 'Kill Directory A', commission_percent: '10.00' }, admin),
        await expectCall(201, base, 'POST', '/v1/admin/partners', { directory_name: 'Kill Directory B', commission_percent: '12.50' }, admin),
      ];
      const developer = await expectCall(201, base, 'POST', '/v1/admin/developers', { name: 'Kill Developer', email: 'kill-developer@example.test' }, admin);
      const key = (await expectCall(201, base, 'POST', `/v1/admin/developers/${developer.id}/api-keys`, {}, admin)).key as string;
      const app = await expectCall(
        201,
        base,
        'POST',
        '/v1/developer/me/apps',
        { name: 'Kill App', is_showcased: true, api_products: ['cmal'] },
        { Authorization: `Bearer ${key}` },
      );
      const applied = await expectCall(
        201,
        base,
        'POST',
        '/v1/developer/me/technical-partner/apply',
        { app_name: app.name },
        { Authorization: `Bearer ${key}` },
      );
      await expectCall(200, base, 'POST', `/v1/admin/technical-partners/${applied.technical_partner.id}/approve`, {}, admin);
      // every business is referred and converted (a partner line per payment); every other one
      // is also attributed to the active technical partner's app (an app line per payment)
      for (let i = 0; i < 10; i++) {
        const partner = partners[i % 2]!;
        const business = await expectCall(
          201,
          base,
          'POST',
          '/v1/events/businesses',
          { business_name: `Kill Business ${i}`, category: 'Retail', city: 'Austin', state: 'TX', is_verified: true },
          service,
        );
        await expectCall(201, base, 'POST', '/v1/events/referrals', { partner_id: partner.id, business_id: business.id }, service);
        await expectCall(200, base, 'POST', '/v1/events/conversions', { partner_id: partner.id, business_id: business.id }, service);
        const attributed = i % 2 === 0;
        if (attributed) await expectCall(201, base, 'POST', '/v1/events/attributions', { business_id: business.id, app_id: app.id }, service);
        businesses.push({ id: business.id, attributed });
      }
    });

    after(async () => {
      await killAll();
      await target.cleanup();
    });

    const payment = (i: number) => ({ business_id: businesses[i % businesses.length]!.id, amount: AMOUNTS[i % AMOUNTS.length]! });
    const keyOf = (i: number) => `kill-${target.name}-${i}`;

    it('no payment is half-applied, none acknowledged is lost, and a re-send stores exactly the missing ones', async (t) => {
      // the burst, ~50 in flight, and a SIGKILL once KILL_AFTER answers have come back
      const inFlight = limiter(50);
      const before: number[] = new Array(PAYMENTS);
      let answers = 0;
      let killed: Promise<number | string> | undefined;
      await Promise.all(
        Array.from({ length: PAYMENTS }, (_, i) =>
          inFlight(async () => {
            const answer = await call(server.base, 'POST', '/v1/events/payments', payment(i), { ...service, 'Idempotency-Key': keyOf(i) });
            before[i] = answer.status;
            if (++answers === KILL_AFTER) killed = server.kill();
          }),
        ),
      );
      assert.equal(await killed, 'SIGKILL');
      const acknowledged = before.filter((status) => status === 201).length;
      assert.ok(acknowledged >= KILL_AFTER - 1 && acknowledged < PAYMENTS, `${acknowledged} acknowledged before the kill`);
      assert.deepEqual([...new Set(before)].sort(), [0, 201], 'answers were 201 until the kill, then none');

      // the same data, a new process (on PGlite it takes over the dead process's lock)
      server = await startServer(env);
      const resent = new Array<number>(PAYMENTS);
      await Promise.all(
        Array.from({ length: PAYMENTS }, (_, i) =>
          inFlight(async () => {
            resent[i] = (await call(server.base, 'POST', '/v1/events/payments', payment(i), { ...service, 'Idempotency-Key': keyOf(i) })).status;
          }),
        ),
      );
      for (let i = 0; i < PAYMENTS; i++) {
        if (before[i] === 201) assert.equal(resent[i], 200, `payment ${i} was acknowledged before the kill: its re-send is a replay`);
        else assert.ok(resent[i] === 200 || resent[i] === 201, `payment ${i}: ${resent[i]}`);
      }
      const storedNow = resent.filter((status) => status === 201).length;
      t.diagnostic(
        `${acknowledged} acknowledged before the kill, ${PAYMENTS - acknowledged - storedNow} stored but unanswered, ${storedNow} stored by the re-send`,
      );
      assert.equal(await server.stop(), 0, server.output());

      const db = await target.open();
      try {
        const knex = db.knex;
        const count = async (sql: string) => Number((await knex.raw(sql)).rows[0].n);
        assert.equal(await count(`SELECT count(*) AS n FROM business_payments WHERE idempotency_key LIKE 'kill-%'`), PAYMENTS, 'total stored = total sent');
        assert.ok(storedNow > 0 && storedNow < PAYMENTS, `the re-send stored the ${storedNow} missing ones`);
        // all-or-nothing: every payment has its partner line, and its app line when attributed
        const attributed = businesses.filter((b) => b.attributed).map((b) => b.id);
        const { rows: partial } = await knex.raw(
          `SELECT p.id,
             count(*) FILTER (WHERE l.channel = 'partner') AS partner_lines,
             count(*) FILTER (WHERE l.channel = 'app') AS app_lines
           FROM business_payments p LEFT JOIN earnings_ledger l ON l.payment_id = p.id
           GROUP BY p.id, p.business_id
           HAVING count(*) FILTER (WHERE l.channel = 'partner') <> 1
               OR count(*) FILTER (WHERE l.channel = 'app') <> (CASE WHEN p.business_id = ANY(?::uuid[]) THEN 1 ELSE 0 END)`,
          [attributed],
        );
        assert.deepEqual(partial, [], 'no payment with a partial set of ledger lines');
        await assertLedgerMatchesTotals(knex);
        await assertSummariesMatchRebuild(knex);
      } finally {
        await db.close();
      }
    });
  });
}
