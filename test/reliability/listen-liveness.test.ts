import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { type Database, migrateLatest, openDatabase } from '../../server/db/database.ts';
import { testApp } from '../helpers/app.ts';
import type { createPostgresDatabase } from '../helpers/databases.ts';
import { openEventStream } from '../helpers/event-stream.ts';
import { Scenario } from '../helpers/scenario.ts';
import { listen } from '../helpers/server.ts';
import { proxiedPostgres, type TcpProxy } from '../helpers/tcp-proxy.ts';
import { GIVE_UP_MS, until } from '../helpers/wait.ts';

/**
 * Only turns a hang into a failure with a message: far above the time anything here takes. The
 * test judges what the server does, not how fast.
 */

type Stream = Awaited<ReturnType<typeof openEventStream>>;

/** Waits until the stream carries the business; a stream cut meanwhile is reopened from its last id. */
async function receives(base: string, stream: Stream, businessId: string): Promise<Stream> {
  let current = stream;
  for (;;) {
    try {
      await current.next((e) => e.data?.includes(businessId) ?? false);
      return current;
    } catch (error) {
      if (!current.ended) throw error;
      const lastId = [...current.events].reverse().find((e) => e.id !== undefined)?.id;
      current = await openEventStream(`${base}/v1/public/feed/stream`, lastId ? { 'Last-Event-ID': lastId } : {});
    }
  }
}

const describePostgres = process.env.DATABASE_URL ? describe : describe.skip;

describePostgres(`the live feed behind a network black hole${process.env.DATABASE_URL ? '' : ' (skipped: needs DATABASE_URL, PostgreSQL only)'}`, () => {
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let proxy: TcpProxy;
  let db: Database;
  let direct: Database;
  let s: Scenario;
  let beside: Scenario;
  let server: Awaited<ReturnType<typeof listen>>;
  const streams: Stream[] = [];

  before(async () => {
    let viaProxy: string;
    ({ created, proxy, url: viaProxy } = await proxiedPostgres(process.env.DATABASE_URL!));
    direct = await openDatabase({ databaseUrl: created.url });
    await migrateLatest(direct.knex);
    db = await openDatabase({ databaseUrl: viaProxy, poolMax: 5, statementTimeoutMs: 1_000, listenCheckMs: 200 });
    const built = testApp(db, { SSE_HEARTBEAT_MS: 500 });
    s = new Scenario(built.app, built.config);
    // the same tokens over a connection that bypasses the proxy: writes while the network is cut
    const besideApp = testApp(direct, { ADMIN_TOKEN: built.config.ADMIN_TOKEN, SERVICE_TOKEN: built.config.SERVICE_TOKEN });
    beside = new Scenario(besideApp.app, besideApp.config);
    server = await listen(built.app);
  });
  after(async () => {
    for (const stream of streams) stream.close();
    proxy.release();
    await server.close();
    await db.close();
    await direct.close();
    await proxy.stop();
    await created.drop();
  });

  it('readiness reports the lost listening session; after recovery every stream gets what was missed and what follows', {
    timeout: 2 * GIVE_UP_MS,
  }, async () => {
    const partner = await beside.partner();
    const early = await openEventStream(`${server.base}/v1/public/feed/stream`);
    streams.push(early);
    await early.next((e) => e.retry !== undefined);
    const first = await beside.referredBusiness(partner.id);
    let earlyNow = await receives(server.base, early, first.id);
    assert.equal((await request(s.app).get('/readyz')).status, 200);

    proxy.blackHole();
    let during: { id: string };
    try {
      await until(async () => {
        const res = await request(s.app).get('/readyz');
        return res.status === 503 && res.body.error?.code === 'database_unavailable';
      }, '/readyz answering 503');
      // committed while this process hears nothing
      during = await beside.referredBusiness(partner.id);
    } finally {
      // the connections held stay silent for good, as when a firewall forgot them: only new ones work
      proxy.release({ forgetHeld: true });
    }
    await until(async () => (await request(s.app).get('/readyz')).status === 200, '/readyz answering 200 again');

    // the entry committed during the outage is caught up
    earlyNow = await receives(server.base, earlyNow, during.id);
    if (earlyNow !== early) streams.push(earlyNow);

    const late = await openEventStream(`${server.base}/v1/public/feed/stream`);
    streams.push(late);
    await late.next((e) => e.retry !== undefined);
    const afterwards = await s.referredBusiness(partner.id);
    const lateNow = await receives(server.base, late, afterwards.id);
    if (lateNow !== late) streams.push(lateNow);
    const earlyLast = await receives(server.base, earlyNow, afterwards.id);
    if (earlyLast !== earlyNow) streams.push(earlyLast);
  });
});
