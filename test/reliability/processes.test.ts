import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { openDatabase } from '../../server/db/database.ts';
import { connectRedis } from '../../server/redis.ts';
import { openEventStream } from '../helpers/event-stream.ts';
import { assertLedgerMatchesTotals, assertSummariesMatchRebuild } from '../helpers/invariants.ts';
import { type Answer, type ChildServer, call, deploymentTokens, expectCall, killAll, limiter, migratedPostgres, seeded, startServer } from './child-server.ts';

/**
 * Two real API processes on one PostgreSQL database (and one Redis, when REDIS_URL is set), as
 * behind a load balancer: what one process writes, the other's stream clients see; the public
 * rate limit is one limit; racing writers spread over both keep every summary exact.
 */
const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL;

describe('several API processes on one PostgreSQL', {
  skip: DATABASE_URL ? false : 'DATABASE_URL is not set: several processes need a PostgreSQL server',
}, () => {
  let created: Awaited<ReturnType<typeof migratedPostgres>>;
  let a: ChildServer;
  let b: ChildServer;
  const tokens = deploymentTokens();
  const admin = { Authorization: `Bearer ${tokens.ADMIN_TOKEN}` };
  const service = { Authorization: `Bearer ${tokens.SERVICE_TOKEN}` };
  const prefix = `ew-test-${randomBytes(6).toString('hex')}:`;

  before(async () => {
    created = await migratedPostgres(DATABASE_URL!);
    const env = {
      DATABASE_URL: created.url,
      ...tokens,
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      TRUST_PROXY: '1', // the test is the balancer: each test's visitor is an X-Forwarded-For address
      PUBLIC_RATE_LIMIT_PER_MINUTE: '10',
      DB_POOL_MAX: '10',
    };
    a = await startServer(env);
    b = await startServer(env);
  });

  after(async () => {
    await killAll();
    if (REDIS_URL) {
      const redis = await connectRedis({ url: REDIS_URL, logger: pino({ level: 'silent' }) });
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(keys);
      await redis.close();
    }
    await created?.drop();
  });

  it('a conversion posted to process A reaches a stream client of process B', async () => {
    const stream = await openEventStream(`${b.base}/v1/public/feed/stream`, { 'X-Forwarded-For': '203.0.113.1' });
    await stream.next((e) => e.retry !== undefined); // B is listening
    const partner = await expectCall(201, a.base, 'POST', '/v1/admin/partners', { directory_name: 'Process A Directory', commission_percent: '10.00' }, admin);
    const business = await expectCall(
      201,
      a.base,
      'POST',
      '/v1/events/businesses',
      { business_name: 'Cross-Process Bakery', category: 'Restaurants', city: 'Austin', state: 'TX', is_verified: true },
      service,
    );
    await expectCall(201, a.base, 'POST', '/v1/events/referrals', { partner_id: partner.id, business_id: business.id }, service);
    await expectCall(200, a.base, 'POST', '/v1/events/conversions', { partner_id: partner.id, business_id: business.id }, service);
    const event = await stream.next((e) => e.event === 'business' && (e.data?.includes(business.id) ?? false));
    const entry = JSON.parse(event.data!);
    assert.equal(entry.business.business_name, 'Cross-Process Bakery');
    assert.equal(entry.business.referring_directory, 'Process A Directory');
    stream.close();
  });

  it('the public rate limit is one limit across both processes', {
    skip: REDIS_URL ? false : 'REDIS_URL is not set: without Redis each process limits its own share',
  }, async () => {
    const visitor = { 'X-Forwarded-For': '203.0.113.2' };
    const spread = [];
    for (let i = 0; i < 10; i++) spread.push((await call(i % 2 ? b.base : a.base, 'GET', '/v1/public/ecosystem/impact', undefined, visitor)).status);
    assert.deepEqual(spread, Array(10).fill(200));
    const onA = await call(a.base, 'GET', '/v1/public/ecosystem/impact', undefined, visitor);
    const onB = await call(b.base, 'GET', '/v1/public/ecosystem/impact', undefined, visitor);
    assert.deepEqual([onA.status, onB.status], [429, 429]);
    assert.equal(onB.body.error.code, 'rate_limited');
    // another visitor is not affected
    assert.equal((await call(b.base, 'GET', '/v1/public/ecosystem/impact', undefined, { 'X-Forwarded-For': '203.0.113.3' })).status, 200);
  });

  it('racing writers spread over both processes leave summaries equal to a rebuild', async (t) => {
    const seed = Number(process.env.TEST_SEED ?? Date.now() % 1_000_000);
    const rng = seeded(seed);
    const either = () => (rng.next() < 0.5 ? a.base : b.base);
    const inFlight = limiter(50);
    const unexpected: string[] = [];
    const answered = new Map<string, number>(); // "path status" → count, for the report
    /** Sends one request through the limiter to either process; records an answer it should not get. */
    const send = async (allowed: number[], method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Answer> => {
      const answer = await inFlight(() => call(either(), method, path, body, headers));
      const tally = `${path.replace(/[0-9a-f-]{36}/, ':id')} ${answer.status}`;
      answered.set(tally, (answered.get(tally) ?? 0) + 1);
      if (!allowed.includes(answer.status)) unexpected.push(`${method} ${path} → ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer;
    };

    // the cast: partners, one active technical partner with an app, businesses
    const partners = await Promise.all(
      ['7.50', '10.00', '12.50', '15.00'].map((percent, i) =>
        expectCall(201, i % 2 ? b.base : a.base, 'POST', '/v1/admin/partners', { directory_name: `Race Directory ${i}`, commission_percent: percent }, admin),
      ),
    );
    const developer = await expectCall(
      201,
      a.base,
      'POST',
      '/v1/admin/developers',
      { name: 'Race Developer', email: `race-${randomUUID()}@example.test` },
      admin,
    );
    const key = (await expectCall(201, b.base, 'POST', `/v1/admin/developers/${developer.id}/api-keys`, {}, admin)).key as string;
    const app = await expectCall(
      201,
      a.base,
      'POST',
      '/v1/developer/me/apps',
      { name: 'Race App', is_showcased: true, api_products: ['cmal'] },
      { Authorization: `Bearer ${key}` },
    );
    const applied = await expectCall(
      201,
      b.base,
      'POST',
      '/v1/developer/me/technical-partner/apply',
      { app_name: app.name },
      { Authorization: `Bearer ${key}` },
    );
    await expectCall(200, a.base, 'POST', `/v1/admin/technical-partners/${applied.technical_partner.id}/approve`, {}, admin);
    const categories = ['Restaurants', 'Pets', 'Retail', 'Health'];
    const places = [
      ['Austin', 'TX'],
      ['Denver', 'CO'],
      ['Portland', 'OR'],
    ] as const;
    const businesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        inFlight(() =>
          expectCall(
            201,
            i % 2 ? b.base : a.base,
            'POST',
            '/v1/events/businesses',
            {
              business_name: `Race Business ${i}`,
              category: categories[i % categories.length],
              city: places[i % places.length]![0],
              state: places[i % places.length]![1],
              is_verified: i % 2 === 0,
            },
            service,
          ),
        ),
      ),
    );

    // one chain of steps per business, all chains at once; a step's requests race each other
    type Step = () => Promise<unknown>;
    const payKeys = new Map<string, boolean>(); // key → stored (some answer was 2xx)
    const chains = businesses.map((business) => {
      const [first, second] = [rng.pick(partners), rng.pick(partners)];
      const both = second.id !== first.id && rng.next() < 0.4;
      const referral: Step = () =>
        Promise.all([
          send([201], 'POST', '/v1/events/referrals', { partner_id: first.id, business_id: business.id }, service),
          ...(both ? [send([201], 'POST', '/v1/events/referrals', { partner_id: second.id, business_id: business.id }, service)] : []),
        ]);
      const conversion: Step = () =>
        Promise.all([
          send([200, 409], 'POST', '/v1/events/conversions', { partner_id: first.id, business_id: business.id }, service),
          send([200, 409], 'POST', '/v1/events/conversions', { partner_id: (both ? second : first).id, business_id: business.id }, service),
        ]);
      const others: Step[] = [];
      for (let v = rng.int(3); v >= 0; v--) {
        others.push(() =>
          Promise.all(
            Array.from({ length: 1 + rng.int(2) }, () =>
              send([200], 'POST', `/v1/events/businesses/${business.id}/verification`, { is_verified: rng.next() < 0.6 }, service),
            ),
          ),
        );
      }
      for (const month of ['2026-08-01', '2026-09-01'].slice(0, 1 + rng.int(2))) {
        others.push(() =>
          Promise.all(
            [0, 1].map(() =>
              send(
                [200],
                'POST',
                '/v1/events/cmal-impact',
                { business_id: business.id, period_start: month, economic_impact: `${100 + rng.int(9_000)}.${10 + rng.int(90)}`, jobs_supported: rng.int(20) },
                service,
              ),
            ),
          ),
        );
      }
      for (let p = 3 + rng.int(4); p > 0; p--) {
        const idempotencyKey = `race-${randomUUID()}`;
        payKeys.set(idempotencyKey, false);
        const body = { business_id: business.id, amount: `${1 + rng.int(500)}.${10 + rng.int(90)}` };
        const copies = rng.next() < 0.3 ? 2 : 1; // a retried payment, racing its first attempt
        others.push(async () => {
          const answers = await Promise.all(
            Array.from({ length: copies }, () => send([200, 201, 409], 'POST', '/v1/events/payments', body, { ...service, 'Idempotency-Key': idempotencyKey })),
          );
          if (answers.some((answer) => answer.status === 200 || answer.status === 201)) payKeys.set(idempotencyKey, true);
        });
      }
      if (rng.next() < 0.3) {
        others.push(() =>
          Promise.all([0, 1].map(() => send([201, 409], 'POST', '/v1/events/attributions', { business_id: business.id, app_id: app.id }, service))),
        );
      }
      // referral before conversion; everything else anywhere
      const steps = [...others].sort(() => rng.next() - 0.5);
      const r = rng.int(steps.length + 1);
      steps.splice(r, 0, referral);
      steps.splice(r + 1 + rng.int(steps.length - r), 0, conversion);
      return async () => {
        for (const step of steps) await step();
      };
    });
    await Promise.all(chains.map((chain) => chain()));

    assert.equal(await a.stop(), 0, `A stops cleanly:\n${a.output()}`);
    assert.equal(await b.stop(), 0, `B stops cleanly:\n${b.output()}`);
    const db = await openDatabase({ databaseUrl: created.url });
    try {
      const stored = [...payKeys.values()].filter(Boolean).length;
      const { n } = (await db.knex('business_payments').whereLike('idempotency_key', 'race-%').count({ n: '*' }).first())!;
      assert.equal(Number(n), stored, 'one payment per key answered 2xx');
      await assertLedgerMatchesTotals(db.knex);
      await assertSummariesMatchRebuild(db.knex);
    } finally {
      await db.close();
    }
    const requests = [...answered.values()].reduce((sum, count) => sum + count, 0);
    t.diagnostic(
      `seed ${seed}: ${requests} racing requests: ${[...answered]
        .sort()
        .map(([k, v]) => `${k} ×${v}`)
        .join(', ')}`,
    );
    assert.ok(requests > 300, `${requests} racing requests`);
    assert.deepEqual(unexpected, [], `seed ${seed} (TEST_SEED=${seed} replays it)`);
  });
});
