import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { Api } from '../../server/http/api.ts';
import type { Authenticator } from '../../server/http/authenticate.ts';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { Scenario } from '../helpers/scenario.ts';
import { listen } from '../helpers/server.ts';

describeEachDatabase('public micro-cache', (db) => {
  it('serves a public aggregate from memory within its lifetime, then fresh figures', async () => {
    // one app caches for a minute (the hit cannot expire mid-test, however slow the machine),
    // the other for 200 ms (to see the expiry)
    const { app, config } = testApp(db(), { PUBLIC_CACHE_MS: 60_000 });
    const { app: shortLived } = testApp(db(), { PUBLIC_CACHE_MS: 200 });
    const s = new Scenario(app, config);
    const first = await request(app).get('/v1/public/ecosystem/impact').expect(200);
    assert.equal(first.headers['x-cache'], undefined);
    const shortFirst = await request(shortLived).get('/v1/public/ecosystem/impact').expect(200);
    await s.partner(); // one more directory
    const cached = await request(app).get('/v1/public/ecosystem/impact').expect(200);
    assert.equal(cached.headers['x-cache'], 'hit');
    assert.deepEqual(cached.body, first.body);
    assert.equal(cached.headers.etag, first.headers.etag);
    assert.match(cached.headers['cache-control']!, /public/);
    await request(app).get('/v1/public/ecosystem/impact').set('If-None-Match', first.headers.etag!).expect(304);
    await new Promise((r) => setTimeout(r, 250));
    const fresh = await request(shortLived).get('/v1/public/ecosystem/impact').expect(200);
    assert.equal(fresh.headers['x-cache'], undefined);
    assert.equal(fresh.body.directories, shortFirst.body.directories + 1);
    // errors are not cached
    await request(app).get('/v1/public/ecosystem/growth?months=0').expect(400);
    const again = await request(app).get('/v1/public/ecosystem/growth?months=0').expect(400);
    assert.equal(again.headers['x-cache'], undefined);
  });

  it('lets one request recompute an expired aggregate while the others wait for its answer', async () => {
    const database = db();
    const { app } = testApp(database, { PUBLIC_CACHE_MS: 60_000 });
    const server = await listen(app);
    let reads = 0;
    const count = (query: { sql: string }) => void (/FROM ecosystem_counters/.test(query.sql) && reads++);
    try {
      // Hold the summary table so every request is in flight at once before the first answer.
      let pending: Promise<Response[]> | undefined;
      await database.knex.transaction(async (trx) => {
        await trx.raw('LOCK TABLE ecosystem_counters IN ACCESS EXCLUSIVE MODE');
        database.knex.on('query', count);
        pending = Promise.all(Array.from({ length: 20 }, () => fetch(`${server.base}/v1/public/ecosystem/impact`)));
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      const answers = await pending!;
      assert.deepEqual(
        answers.map((a) => a.status),
        Array(20).fill(200),
      );
      assert.equal(reads, 1, 'one database read for twenty concurrent requests');
      assert.equal(answers.filter((a) => a.headers.get('x-cache') === 'hit').length, 19);
      const bodies = await Promise.all(answers.map((a) => a.text()));
      assert.ok(bodies.every((b) => b === bodies[0]));
    } finally {
      database.knex.removeListener('query', count);
      await server.close();
    }
  });

  it('renews a live entry near its expiry with one request while the others are still answered from it', async () => {
    const database = db();
    const { app } = testApp(database, { PUBLIC_CACHE_MS: 4_000 });
    const server = await listen(app);
    let reads = 0;
    const count = (query: { sql: string }) => void (/FROM ecosystem_counters/.test(query.sql) && reads++);
    try {
      const first = await fetch(`${server.base}/v1/public/ecosystem/impact`);
      assert.equal(first.status, 200);
      await new Promise((resolve) => setTimeout(resolve, 3_100)); // into the last quarter of its life
      let renewing: Promise<Response> | undefined;
      let meanwhile: Response[] = [];
      await database.knex.transaction(async (trx) => {
        // the renewing request waits on the table; the others must not wait for it
        await trx.raw('LOCK TABLE ecosystem_counters IN ACCESS EXCLUSIVE MODE');
        database.knex.on('query', count);
        renewing = fetch(`${server.base}/v1/public/ecosystem/impact`);
        await new Promise((resolve) => setTimeout(resolve, 100));
        meanwhile = await Promise.all(Array.from({ length: 5 }, () => fetch(`${server.base}/v1/public/ecosystem/impact`)));
      });
      assert.deepEqual(
        meanwhile.map((a) => [a.status, a.headers.get('x-cache')]),
        Array(5).fill([200, 'hit']),
        'answered from the live entry while it was being renewed',
      );
      const renewed = await renewing!;
      assert.equal(renewed.status, 200);
      assert.equal(renewed.headers.get('x-cache'), null);
      assert.equal(reads, 1);
      const after = await fetch(`${server.base}/v1/public/ecosystem/impact`);
      assert.equal(after.headers.get('x-cache'), 'hit', 'the renewed entry answers next');
    } finally {
      database.knex.removeListener('query', count);
      await server.close();
    }
  });
});

describe('micro-cache is opt-in per route', () => {
  const nobody = (async () => null) as unknown as Authenticator;
  const Count = z.object({ n: z.number() });

  it('answers from memory only the routes that opt in', async () => {
    const api = new Api(nobody, true, { cacheMs: 60_000 });
    const router = express.Router();
    let cached = 0;
    let plain = 0;
    const common = { method: 'get', audience: 'public', tag: 'Test', summary: 'A count', response: Count } as const;
    api.route(router, { ...common, path: '/v1/public/cached', cache: true, handler: async () => ({ n: ++cached }) });
    api.route(router, { ...common, path: '/v1/public/plain', handler: async () => ({ n: ++plain }) });
    const app = express().use(router);
    const hits: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await request(app).get('/v1/public/cached').expect(200);
      assert.deepEqual(res.body, { n: 1 });
      hits.push(res.headers['x-cache']);
      const fresh = await request(app).get('/v1/public/plain').expect(200);
      assert.deepEqual(fresh.body, { n: i + 1 });
      assert.equal(fresh.headers['x-cache'], undefined);
    }
    assert.deepEqual(hits, [undefined, 'hit', 'hit']);
    assert.equal(cached, 1);
  });

  it('refuses to cache a stream or a route that answers per credentials', () => {
    const api = new Api(nobody, true, { cacheMs: 60_000 });
    const router = express.Router();
    assert.throws(
      () =>
        api.route(router, {
          method: 'get',
          path: '/v1/public/stream',
          audience: 'public',
          tag: 'Test',
          summary: 'A stream',
          response: { stream: 'events' },
          cache: true,
          handler: async () => {},
        }),
      /only public, non-stream routes may be cached/,
    );
    assert.throws(
      () =>
        api.route(router, {
          method: 'get',
          path: '/v1/developer/count',
          audience: 'developer',
          tag: 'Test',
          summary: 'A count',
          response: Count,
          cache: true,
          handler: async () => ({ n: 1 }),
        }),
      /only public, non-stream routes may be cached/,
    );
  });
});
