import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Database, migrateLatest, openDatabase } from '../../server/db/database.ts';
import { Random } from '../../server/seed/random.ts';
import { testApp } from '../helpers/app.ts';
import { mapBounded } from '../helpers/bounded.ts';
import { createPostgresDatabase } from '../helpers/databases.ts';
import { openEventStream } from '../helpers/event-stream.ts';
import { assertLedgerMatchesTotals, assertSummariesMatchRebuild } from '../helpers/invariants.ts';
import { Scenario } from '../helpers/scenario.ts';
import { listen } from '../helpers/server.ts';

/**
 * Ten thousand platform events of every kind, racing from many connections on PostgreSQL:
 * referrals, conversions (rival partners included), verifications and withdrawals,
 * attributions, CMAL reports and corrections, payments (with replays) and metered data calls.
 * Afterwards the books must be exact: no 5xx, summaries equal a rebuild month by month, every
 * pool entry streamed exactly once, and the ledger equal to the running totals.
 */
const postgresUrl = process.env.DATABASE_URL;
const EVENTS = 10_000;
const IN_FLIGHT = 50;
const BUSINESSES = 200;

const suite = postgresUrl ? describe : describe.skip;
if (!postgresUrl) console.log('# racing events: skipped on the embedded database (one connection); set DATABASE_URL to run them on PostgreSQL');

type Request = { method: 'GET' | 'POST'; path: string; body?: unknown; headers?: Record<string, string> };

suite('10,000 racing events [postgres]', () => {
  let db: Database;
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof listen>>;
  let s: Scenario;

  before(async () => {
    const created = await createPostgresDatabase(postgresUrl!);
    drop = created.drop;
    db = await openDatabase({ databaseUrl: created.url, poolMax: 20 });
    await migrateLatest(db.knex);
    const built = testApp(db);
    s = new Scenario(built.app, built.config);
    server = await listen(built.app);
  });
  after(async () => {
    await server?.close();
    await db?.close();
    await drop?.();
  });

  it('leave no 5xx, summaries equal to a rebuild per month, each pool entry streamed once, ledger = totals', async () => {
    const random = new Random('racing-events');
    const partners = await Promise.all(['5.00', '7.50', '10.00', '12.50', '15.00', '20.00'].map((p) => s.partner({ commission_percent: p })));
    const technical = [
      await s.technicalPartner('active'),
      await s.technicalPartner('active'),
      await s.technicalPartner('pending'),
      await s.technicalPartner('suspended'),
    ];
    const plain = await s.developer();
    const plainApp = await s.appOf(plain.key);
    const apps = [
      ...technical.map((t) => ({ id: t.app.id as string, key: t.developer.key as string })),
      { id: plainApp.id as string, key: plain.key as string },
    ];
    const categories = ['Restaurants', 'Bakeries', 'Plumbers', 'Dentists'];
    const places = [
      ['Austin', 'TX'],
      ['Denver', 'CO'],
      ['Boston', 'MA'],
    ] as const;
    const businesses = await mapBounded(
      Array.from({ length: BUSINESSES }, (_, i) => i),
      20,
      (i) => {
        const [city, state] = places[i % places.length]!;
        return s.business({ category: categories[i % categories.length], city, state, is_verified: i % 3 !== 0 });
      },
    );

    // The stream is opened first: every entry committed from here on must reach it once.
    const startEventId = Number((await db.knex('pool_events').max({ id: 'id' }).first())?.id ?? 0);
    const stream = await openEventStream(`${server.base}/v1/public/feed/stream`);
    await stream.next((e) => e.retry !== undefined);

    const service = s.service;
    const months = ['2026-08-01', '2026-09-01', '2026-10-01'];
    const payments: { key: string; body: unknown }[] = [];
    const events: Request[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const business = random.pick(businesses).id as string;
      const partner = random.pick(partners).id as string;
      const roll = random.next();
      if (roll < 0.16) events.push({ method: 'POST', path: '/v1/events/referrals', body: { partner_id: partner, business_id: business }, headers: service });
      else if (roll < 0.3)
        events.push({ method: 'POST', path: '/v1/events/conversions', body: { partner_id: partner, business_id: business }, headers: service });
      else if (roll < 0.42)
        events.push({ method: 'POST', path: `/v1/events/businesses/${business}/verification`, body: { is_verified: random.chance(0.6) }, headers: service });
      else if (roll < 0.48)
        events.push({ method: 'POST', path: '/v1/events/attributions', body: { business_id: business, app_id: random.pick(apps).id }, headers: service });
      else if (roll < 0.6) {
        const amount = `${random.int(0, 5_000)}.${String(random.int(0, 99)).padStart(2, '0')}`;
        events.push({
          method: 'POST',
          path: '/v1/events/cmal-impact',
          body: { business_id: business, period_start: random.pick(months), economic_impact: amount },
          headers: service,
        });
      } else if (roll < 0.8) {
        // a tenth of the payments replay an earlier one, key and body alike
        const payment =
          payments.length > 0 && random.chance(0.1)
            ? random.pick(payments)
            : { key: `race-payment-${i}`, body: { business_id: business, amount: random.pick(['0.10', '19.99', '33.33', '80.05', '199.99']) } };
        payments.push(payment);
        events.push({ method: 'POST', path: '/v1/events/payments', body: payment.body, headers: { ...service, 'Idempotency-Key': payment.key } });
      } else if (roll < 0.9) {
        const app = random.pick(apps);
        events.push({
          method: 'GET',
          path: `/v1/data/businesses?limit=${random.int(1, 40)}&category=${random.pick(categories)}&app_id=${app.id}`,
          headers: s.bearer(app.key),
        });
      } else {
        const app = random.pick(apps);
        const developer = technical.find((t) => t.app.id === app.id)?.developer.id ?? plain.id;
        events.push({
          method: 'POST',
          path: '/v1/events/usage',
          body: { developer_id: developer, app_id: app.id, product: 'cmal', business_id: business, calls: random.int(1, 50) },
          headers: service,
        });
      }
    }

    const statuses = await mapBounded(events, IN_FLIGHT, async (event) => {
      const res = await fetch(`${server.base}${event.path}`, {
        method: event.method,
        headers: { ...(event.body ? { 'Content-Type': 'application/json' } : {}), ...event.headers },
        ...(event.body ? { body: JSON.stringify(event.body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, path: event.path.split('?')[0]!.replace(/[0-9a-f-]{36}/, ':id'), text };
    });

    await s.flushUsage(); // the data-pool calls counted in memory are written before anything is compared
    const byStatus: Record<string, number> = {};
    for (const r of statuses) byStatus[`${r.status} ${r.path}`] = (byStatus[`${r.status} ${r.path}`] ?? 0) + 1;
    console.log(`# racing events: ${JSON.stringify(byStatus)}`);
    const unexpected = statuses.filter((r) => ![200, 201, 404, 409].includes(r.status));
    assert.deepEqual(
      unexpected.slice(0, 5).map((r) => `${r.status} ${r.path} ${r.text}`),
      [],
      `${unexpected.length} unexpected answers`,
    );
    assert.ok((byStatus['200 /v1/events/conversions'] ?? 0) > 50, 'many conversions went through');
    assert.ok((byStatus['200 /v1/events/payments'] ?? 0) > 0, 'some payments were replays');

    // Every committed entry reaches the open stream, once, in order.
    const entries: number[] = (await db.knex('pool_events').where('id', '>', startEventId).orderBy('id').pluck('id')).map(Number);
    assert.ok(entries.length > 50, `${entries.length} pool entries`);
    const received = () => stream.events.filter((e) => e.event === 'business').map((e) => Number(e.id));
    await stream.until(() => received().length >= entries.length);
    stream.close();
    assert.deepEqual(received(), entries, 'each pool entry streamed exactly once, in order');

    const stored = await db.knex('business_payments').count({ n: '*' }).first();
    assert.equal(Number(stored?.n), new Set(payments.map((p) => p.key)).size, 'one stored payment per distinct key');
    await assertLedgerMatchesTotals(db.knex);
    await assertSummariesMatchRebuild(db.knex);
  });
});
