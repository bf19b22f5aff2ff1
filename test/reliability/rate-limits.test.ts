import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';
import { connectRedis, type RedisClient, RedisUnavailableError } from '../../server/redis.ts';
import { databaseTargets } from '../helpers/databases.ts';
import { TcpProxy } from '../helpers/tcp-proxy.ts';

const PATH = '/v1/public/ecosystem/impact';

/** An app as main.ts builds it, with its log kept for reading. */
function app(db: Database, env: Record<string, string>, redis?: RedisClient) {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', PUBLIC_CACHE_MS: '0', ...env });
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { app: createApp({ config, db, logger, redis }), lines };
}

async function statuses(app: Parameters<typeof request>[0], count: number, forwardedFor?: string) {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) {
    const req = request(app).get(PATH);
    if (forwardedFor) req.set('X-Forwarded-For', forwardedFor);
    seen.push((await req).status);
  }
  return seen;
}

describe('rate limits and proxies', () => {
  let db: Database;
  before(async () => {
    db = await databaseTargets()[0]!.open(); // the embedded database is enough: the limits sit in front of it
  });
  after(() => db?.close());

  it('with TRUST_PROXY=1 each X-Forwarded-For visitor has a bucket of its own', async () => {
    const { app: a } = app(db, { TRUST_PROXY: '1', PUBLIC_RATE_LIMIT_PER_MINUTE: '2' });
    assert.deepEqual(await statuses(a, 3, '203.0.113.10'), [200, 200, 429]);
    assert.deepEqual(await statuses(a, 2, '203.0.113.11'), [200, 200]);
    const refused = await request(a).get(PATH).set('X-Forwarded-For', '203.0.113.11');
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'rate_limited');
    assert.match(refused.headers['retry-after']!, /^\d+$/);
  });

  it('with TRUST_PROXY=1 only the hop the proxy added counts: a forged left-most address evades nothing', async () => {
    const { app: a } = app(db, { TRUST_PROXY: '1', PUBLIC_RATE_LIMIT_PER_MINUTE: '2' });
    const seen = [];
    for (const forged of ['10.9.9.1', '10.9.9.2', '10.9.9.3']) {
      seen.push((await request(a).get(PATH).set('X-Forwarded-For', `${forged}, 198.51.100.7`)).status);
    }
    assert.deepEqual(seen, [200, 200, 429]);
  });

  it('by default X-Forwarded-For is ignored: a changing header does not evade the limit', async () => {
    const { app: a } = app(db, { PUBLIC_RATE_LIMIT_PER_MINUTE: '2' });
    const seen = [];
    for (const spoofed of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
      seen.push((await request(a).get(PATH).set('X-Forwarded-For', spoofed)).status);
    }
    assert.deepEqual(seen, [200, 200, 429]);
  });

  it('without Redis each process counts its own share', async () => {
    const [a, b] = [app(db, { PUBLIC_RATE_LIMIT_PER_MINUTE: '2' }).app, app(db, { PUBLIC_RATE_LIMIT_PER_MINUTE: '2' }).app];
    assert.deepEqual([...(await statuses(a, 2)), ...(await statuses(b, 2))], [200, 200, 200, 200]);
    assert.deepEqual([(await request(a).get(PATH)).status, (await request(b).get(PATH)).status], [429, 429]);
  });

  it('refuses to start on a Redis that does not answer, naming it without its password', async () => {
    const logger = pino({ level: 'silent' });
    await assert.rejects(connectRedis({ url: 'redis://user:hunter2@127.0.0.1:1', logger, startAttempts: 2 }), (error: unknown) => {
      assert.ok(error instanceof RedisUnavailableError);
      assert.match(error.message, /Redis at redis:\/\/user:\*\*\*@127\.0\.0\.1:1 does not answer/);
      assert.ok(!error.message.includes('hunter2'));
      return true;
    });
  });
});

const REDIS_URL = process.env.REDIS_URL;

describe('rate limits in Redis', { skip: REDIS_URL ? false : 'REDIS_URL is not set (no Redis to share counts in)' }, () => {
  let db: Database;
  const prefix = `ew-test-${randomBytes(6).toString('hex')}:`;
  const clients: RedisClient[] = [];
  const logger = pino({ level: 'silent' });
  const client = async (url = REDIS_URL!) => {
    const made = await connectRedis({ url, logger });
    clients.push(made);
    return made;
  };
  const proxy = new TcpProxy('127.0.0.1', Number(new URL(REDIS_URL ?? 'redis://x:6379').port || 6379));

  before(async () => {
    db = await databaseTargets()[0]!.open();
  });
  after(async () => {
    await proxy.stop();
    const cleaner = await client();
    const keys = await cleaner.keys(`${prefix}*`);
    if (keys.length > 0) await cleaner.del(keys);
    for (const made of clients) made.isReady ? await made.close() : made.destroy();
    await db?.close();
  });

  it('two apps with their own clients (as two processes) share one count', async () => {
    const env = { PUBLIC_RATE_LIMIT_PER_MINUTE: '3', REDIS_KEY_PREFIX: `${prefix}shared:` };
    const a = app(db, env, await client()).app;
    const b = app(db, env, await client()).app;
    const seen = [(await request(a).get(PATH)).status, (await request(b).get(PATH)).status, (await request(a).get(PATH)).status];
    assert.deepEqual(seen, [200, 200, 200]);
    assert.deepEqual([(await request(b).get(PATH)).status, (await request(a).get(PATH)).status], [429, 429]);
    const keys = await clients[0]!.keys(`${prefix}shared:rl:public:*`);
    assert.equal(keys.length, 1, 'one key for the one visitor, under the configured prefix');
  });

  it('failed authentications are counted across processes', async () => {
    const env = { AUTH_FAILURES_PER_MINUTE: '2', REDIS_KEY_PREFIX: `${prefix}auth:` };
    const a = app(db, env, await client()).app;
    const b = app(db, env, await client()).app;
    const guess = (target: typeof a) => request(target).get('/v1/developer/me').set('Authorization', 'Bearer ewk_guess');
    assert.deepEqual([(await guess(a)).status, (await guess(b)).status], [401, 401]);
    assert.deepEqual([(await guess(a)).status, (await guess(b)).status], [429, 429]);
    assert.equal((await clients[0]!.keys(`${prefix}auth:rl:auth-failures:*`)).length, 1);
  });

  it('Redis down mid-run: requests are still answered under a per-process limit, logged once per limit; back up, the shared count resumes', async () => {
    await proxy.start();
    const viaProxy = await client(`redis://127.0.0.1:${proxy.port}`);
    const { app: a, lines } = app(db, { PUBLIC_RATE_LIMIT_PER_MINUTE: '3', REDIS_KEY_PREFIX: `${prefix}outage:` }, viaProxy);
    assert.deepEqual(await statuses(a, 1), [200]); // counted in Redis: 1

    // (events.once would reject on the client's 'error' events)
    const lost = new Promise((resolve) => viaProxy.once('reconnecting', resolve));
    await proxy.stop();
    await lost;
    assert.deepEqual(await statuses(a, 4), [200, 200, 200, 429], 'the process counts on its own');
    const warnings = lines.filter((l) => l.msg.startsWith('rate limits cannot reach Redis'));
    // once per limit the request passes through (all of /v1, then the public one), not once per request
    assert.equal(warnings.length, 2);
    assert.ok(warnings.every((w) => w.level === 40));

    const back = new Promise((resolve) => viaProxy.once('ready', resolve));
    await proxy.start();
    await back;
    assert.deepEqual(await statuses(a, 3), [200, 200, 429], 'Redis still holds the first request: 2 more, then 429');
    assert.ok(lines.some((l) => l.msg === 'rate limits counted in Redis again'));
  });
});
