import assert from 'node:assert/strict';
import { once } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { it } from 'node:test';
import type express from 'express';
import type { PoolFeed } from '../../server/resources/public/pool-feed.ts';
import { latestPoolEventId } from '../../server/resources/public/public.repository.ts';
import { poolEntered } from '../../server/summaries/summaries.ts';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { openEventStream } from '../helpers/event-stream.ts';
import { Scenario } from '../helpers/scenario.ts';

const STREAM = '/v1/public/feed/stream';

/** The app's pool feed: its `size` is the number of open streams. */
const feedOf = (app: express.Express) => app.locals.poolFeed as PoolFeed;

/** Resolves once `condition` holds; gives up (a failure, not a timing claim) after many tries. */
async function until(condition: () => boolean, what: string) {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 4_000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Serves the app on a loopback port; `nextRequest()` hands over the next request before the app sees it. */
async function serve(app: express.Express) {
  const server = http.createServer(app);
  const arrivals: ((exchange: { req: IncomingMessage; res: ServerResponse }) => void)[] = [];
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => arrivals.shift()?.({ req, res }));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    base: `http://127.0.0.1:${port}`,
    nextRequest: () => new Promise<{ req: IncomingMessage; res: ServerResponse }>((resolve) => arrivals.push(resolve)),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describeEachDatabase('live stream clients', (db) => {
  it('serves every plain client of the stream while the micro-cache is on', { timeout: 30_000 }, async () => {
    // A hang guard only: before streams bypassed the cache, the second client waited for the
    // first one's response to end, which it never does.
    const { app } = testApp(db(), { PUBLIC_CACHE_MS: 60_000 });
    const server = await serve(app);
    const feed = feedOf(app);
    const baseline = feed.size;
    try {
      const first = await openEventStream(`${server.base}${STREAM}`);
      await first.carried('retry: 3000');
      const second = await openEventStream(`${server.base}${STREAM}`);
      await second.carried('retry: 3000');
      assert.equal(first.ended, false);
      assert.equal(feed.size, baseline + 2);
      await Promise.all([first.close(), second.close()]);
      await until(() => feed.size === baseline, 'both streams to be closed');
      // the aggregates are still answered from the cache
      await fetch(`${server.base}/v1/public/ecosystem/impact`).then((res) => res.text());
      const cached = await fetch(`${server.base}/v1/public/ecosystem/impact`);
      assert.equal(cached.status, 200);
      assert.equal(cached.headers.get('x-cache'), 'hit');
      await cached.text();
    } finally {
      await server.close();
    }
  });

  it('keeps no subscriber or slot for a client that left while the database was being read', async () => {
    const database = db();
    const { app } = testApp(database, { STREAMS_PER_CLIENT: 1 });
    const server = await serve(app);
    const feed = feedOf(app);
    (await feed.subscribe(() => {}))(); // the feed listens already
    const baseline = feed.size;
    try {
      // Holding the pool events table keeps the route waiting for the newest event id (on the
      // embedded database, the held connection does the same).
      await database.knex.transaction(async (trx) => {
        await trx.raw('LOCK TABLE pool_events IN ACCESS EXCLUSIVE MODE');
        const controller = new AbortController();
        const arrived = server.nextRequest();
        void fetch(`${server.base}${STREAM}`, { signal: controller.signal }).catch(() => undefined);
        const { res } = await arrived;
        const closed = once(res, 'close');
        controller.abort();
        await closed;
      });
      // With one stream allowed per client, this opens only if the departed one let go of its slot.
      const next = await openEventStream(`${server.base}${STREAM}`);
      await next.carried('retry: 3000');
      assert.equal(feed.size, baseline + 1, 'only the open stream is subscribed');
      await next.close();
      await until(() => feed.size === baseline, 'the stream to be closed');
    } finally {
      await server.close();
    }
  });

  it('keeps no subscriber or slot for a client that left while the stream was subscribing', async () => {
    const { app } = testApp(db(), { STREAMS_PER_CLIENT: 1 });
    const server = await serve(app);
    const feed = feedOf(app);
    (await feed.subscribe(() => {}))();
    const baseline = feed.size;
    // Hold the route inside feed.subscribe until the client has gone.
    let reached!: () => void;
    const subscribing = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const subscribe = feed.subscribe.bind(feed);
    feed.subscribe = async (...args) => {
      reached();
      await gate;
      return subscribe(...args);
    };
    try {
      const controller = new AbortController();
      const arrived = server.nextRequest();
      void fetch(`${server.base}${STREAM}`, { signal: controller.signal }).catch(() => undefined);
      const { res } = await arrived;
      const closed = once(res, 'close');
      await subscribing;
      controller.abort();
      await closed;
      release();
      // Everything the held route does once released runs before the next turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(feed.size, baseline, 'the departed client is not subscribed');
      const next = await openEventStream(`${server.base}${STREAM}`);
      await next.carried('retry: 3000');
      assert.equal(feed.size, baseline + 1);
      await next.close();
      await until(() => feed.size === baseline, 'the stream to be closed');
    } finally {
      delete (feed as { subscribe?: unknown }).subscribe; // the prototype's method again
      await server.close();
    }
  });

  it('caps concurrent streams per client address with 429 and Retry-After', async () => {
    const { app } = testApp(db(), { STREAMS_PER_CLIENT: 2 });
    const server = await serve(app);
    const feed = feedOf(app);
    const baseline = feed.size;
    try {
      const first = await openEventStream(`${server.base}${STREAM}`);
      const second = await openEventStream(`${server.base}${STREAM}`);
      await Promise.all([first.carried('retry: 3000'), second.carried('retry: 3000')]);
      const refused = await fetch(`${server.base}${STREAM}`);
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      const body = await refused.json();
      assert.equal(body.error.code, 'rate_limited');
      assert.equal(typeof body.error.message, 'string');
      assert.equal(feed.size, baseline + 2);
      // another address is counted on its own
      const other = await new Promise<IncomingMessage>((resolve, reject) =>
        http.get({ host: '127.0.0.1', port: server.port, path: STREAM, localAddress: '127.0.0.2' }, resolve).on('error', reject),
      );
      assert.equal(other.statusCode, 200);
      await until(() => feed.size === baseline + 3, 'the other address to be subscribed');
      other.destroy();
      // a closed stream frees its slot
      await first.close();
      await until(() => feed.size === baseline + 1, 'the closed streams to let go');
      const third = await openEventStream(`${server.base}${STREAM}`);
      await third.carried('retry: 3000');
      await Promise.all([second.close(), third.close()]);
      await until(() => feed.size === baseline, 'every stream to be closed');
    } finally {
      await server.close();
    }
  });

  // Last in the suite: it adds thousands of pool entries.
  it('cuts a stream whose reader stopped reading, and only that one', async () => {
    const { app, config } = testApp(db());
    const s = new Scenario(app, config);
    const server = await serve(app);
    const feed = feedOf(app);
    const baseline = feed.size;
    // Entries as large as the fields allow, so fewer are needed to fill the socket buffers.
    const partner = await s.partner({ directory_name: `Directory ${'d'.repeat(180)}` });
    const businesses = [];
    for (let i = 0; i < 20; i++) {
      businesses.push(
        await s.referredBusiness(partner.id, {
          business_name: `${i} ${'n'.repeat(190)}`,
          category: 'c'.repeat(100),
          city: 'C'.repeat(100),
          state: 'S'.repeat(50),
        }),
      );
    }
    const ids = businesses.map((b) => b.id as string);
    const reader = await openEventStream(`${server.base}${STREAM}`);
    await reader.carried('retry: 3000');
    // A client that sends its request and never reads the answer.
    const accepted = once(server.server, 'connection') as Promise<[net.Socket]>;
    const stalled = net.connect(server.port, '127.0.0.1');
    stalled.on('error', () => {}); // the server resets it
    await once(stalled, 'connect');
    stalled.pause();
    stalled.write(`GET ${STREAM} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`);
    const [serverSide] = await accepted;
    const serverSideClosed = once(serverSide, 'close');
    try {
      await until(() => feed.size === baseline + 2, 'both streams to be subscribed');
      // Post entries until the server lets the stalled stream go. The operating system buffers
      // a few MB per socket before the process sees any backpressure, so the guard is generous.
      // Each batch waits for the reader that keeps up, as a client elsewhere would keep pace.
      const perBatch = 25;
      let posted = 0;
      while (feed.size > baseline + 1) {
        assert.ok(posted < (32 * 1024 * 1024) / 1_000, `the stalled stream was still written to after ${posted} entries`);
        await db().knex.transaction(async (trx) => {
          for (let i = 0; i < perBatch; i++) await poolEntered(trx, ids);
        });
        posted += perBatch * ids.length;
        await reader.carried(`id: ${await latestPoolEventId(db().knex)}\n`);
      }
      await serverSideClosed;
      assert.equal(feed.size, baseline + 1, 'the reader that keeps up is still subscribed');
      // the stalled client, reading again, finds its connection over
      stalled.resume();
      if (!stalled.destroyed) await once(stalled, 'close');
      // and the reader that keeps up still gets new entries
      const fresh = await s.referredBusiness(partner.id);
      await reader.carried(fresh.id);
      assert.equal(reader.ended, false);
    } finally {
      stalled.destroy();
      await reader.close();
      await server.close();
    }
  });
});
