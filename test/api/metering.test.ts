import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { it } from 'node:test';
import type express from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import { createLogger } from '../../server/logger.ts';
import { installProcessHandlers } from '../../server/process.ts';
import { UsageMeter, usageMeterOf } from '../../server/resources/usage/usage-meter.ts';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { assertSummariesMatchRebuild } from '../helpers/invariants.ts';
import { Scenario } from '../helpers/scenario.ts';

/**
 * The data pool's calls are counted in each process and written in batches (every
 * METER_FLUSH_MS and at shutdown). Here the timer is set far off, so every write is one the
 * test asks for: what is billed is exactly what was served, once.
 */
const NEVER = { METER_FLUSH_MS: 60_000 };

async function usage(knex: Knex, developerId: string) {
  const row = await knex('api_usage')
    .where({ developer_id: developerId })
    .first(knex.raw('coalesce(sum(calls), 0)::int AS calls'), knex.raw('coalesce(sum(billed_amount), 0)::numeric(18,6)::text AS billed'));
  return { calls: row.calls as number, billed: row.billed as string };
}

/** A developer with one app reading a pool of `businesses` partner-referred businesses from two directories. */
async function world(s: Scenario, businesses: number) {
  const developer = await s.developer();
  const app = await s.appOf(developer.key);
  const directories = [await s.partner(), await s.partner()];
  for (let i = 0; i < businesses; i++) await s.referredBusiness(directories[i % 2]!.id);
  return { developer, app, directories };
}

/** Calls the data pool without the scenario's flush after each request; returns the records each call read. */
async function calls(app: express.Express, key: string, paths: string[]): Promise<number[]> {
  const answers = await Promise.all(
    paths.map((path) =>
      request(app)
        .get(path)
        .set({ Authorization: `Bearer ${key}` }),
    ),
  );
  for (const a of answers) assert.equal(a.status, 200, JSON.stringify(a.body));
  return answers.map((a) => a.body.data.length);
}

describeEachDatabase('metered data pool', (db) => {
  it('bills exactly the calls served, at the price quoted, once they are flushed', async () => {
    const { app, config } = testApp(db(), NEVER);
    const s = new Scenario(app, config);
    const { developer, app: developerApp } = await world(s, 6);
    const paths = [
      ...Array.from({ length: 20 }, (_, i) => `/v1/data/businesses?app_id=${developerApp.id}&limit=${(i % 3) + 1}`),
      ...Array.from({ length: 10 }, () => `/v1/data/businesses?app_id=${developerApp.id}&product=voice&limit=2`),
    ];
    const read = await calls(app, developer.key, paths);
    const meter = usageMeterOf(app);
    assert.equal(meter.unflushedCalls(), 30);
    assert.deepEqual(await usage(db().knex, developer.id), { calls: 0, billed: '0.000000' }, 'nothing written before the flush');

    await meter.flush();
    assert.equal(meter.unflushedCalls(), 0);
    // 20 cmal calls at 4.00 and 10 voice calls at 2.50 per 1,000
    assert.deepEqual(await usage(db().knex, developer.id), { calls: 30, billed: '0.105000' });
    const records = read.reduce((a, b) => a + b, 0);
    const [listed] = (await s.get('/v1/developer/me/apps', s.bearer(developer.key))).apps;
    assert.equal(listed.api_calls, 30);
    assert.equal(listed.records_served, records);
    assert.ok(listed.partner_powered_since, 'the first credited records made the app partner-powered');
    const sources = await s.get('/v1/developer/me/data-sources', s.bearer(developer.key));
    assert.equal(sources.records_served, records);
    // the calls read the first one to three businesses by id: the directories those came from
    const firstPage = await db().knex('partner_referred_businesses_api').orderBy('id').limit(3).select('partner_id');
    assert.equal(sources.directories.length, new Set(firstPage.map((r) => r.partner_id)).size);

    // a flush with nothing new writes nothing more
    await meter.flush();
    assert.deepEqual(await usage(db().knex, developer.id), { calls: 30, billed: '0.105000' });
    await assertSummariesMatchRebuild(db().knex);
  });

  it('a graceful shutdown writes the calls counted since the last flush', async () => {
    const { app, config } = testApp(db(), NEVER);
    const s = new Scenario(app, config);
    const { developer, app: developerApp } = await world(s, 2);
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const signals = new EventEmitter();
    const exited = new Promise<number>((resolve) => {
      installProcessHandlers({
        server,
        resources: [{ name: 'usage meter', close: () => usageMeterOf(app).close() }],
        logger: createLogger('silent'),
        timeoutMs: 10_000,
        exit: resolve,
        target: signals,
      });
    });
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${base}/v1/data/businesses?app_id=${developerApp.id}`, { headers: { Authorization: `Bearer ${developer.key}` } });
      assert.equal(res.status, 200);
    }
    assert.equal((await usage(db().knex, developer.id)).calls, 0);
    signals.emit('SIGTERM');
    assert.equal(await exited, 0);
    assert.deepEqual(await usage(db().knex, developer.id), { calls: 7, billed: '0.028000' });
  });

  it('two app instances on one database each add their own counts', async () => {
    const one = testApp(db(), NEVER);
    const two = testApp(db(), NEVER);
    const s = new Scenario(one.app, one.config);
    const { developer, app: developerApp } = await world(s, 4);
    const path = `/v1/data/businesses?app_id=${developerApp.id}&limit=3`;
    // both count the same (developer, app, product, day) row, and flush it concurrently, twice
    const read: number[] = [];
    for (let round = 0; round < 2; round++) {
      const [fromOne, fromTwo] = await Promise.all([
        calls(one.app, developer.key, Array<string>(15).fill(path)),
        calls(two.app, developer.key, Array<string>(10).fill(path)),
      ]);
      read.push(...fromOne, ...fromTwo);
      await Promise.all([usageMeterOf(one.app).flush(), usageMeterOf(two.app).flush()]);
    }
    assert.deepEqual(await usage(db().knex, developer.id), { calls: 50, billed: '0.200000' });
    const [listed] = (await s.get('/v1/developer/me/apps', s.bearer(developer.key))).apps;
    assert.equal(
      listed.records_served,
      read.reduce((a, b) => a + b, 0),
    );
    await assertSummariesMatchRebuild(db().knex);
  });

  it('a failed write is retried as it was: nothing lost, nothing counted twice', async () => {
    const { app, config } = testApp(db(), NEVER);
    const s = new Scenario(app, config);
    const { developer, app: developerApp } = await world(s, 2);
    const caller = await db().knex('api_keys').where({ developer_id: developer.id }).first('pricing_tier');

    /** Fails its next write, before the transaction commits or after it has. */
    class FailingMeter extends UsageMeter {
      failNext: 'before' | 'after' | undefined;
      override async writeBatch(batch: Parameters<UsageMeter['writeBatch']>[0]): Promise<void> {
        const fail = this.failNext;
        this.failNext = undefined;
        if (fail === 'before') throw new Error('connection lost before the commit');
        await super.writeBatch(batch);
        if (fail === 'after') throw new Error('connection lost after the commit');
      }
    }
    const meter = new FailingMeter(db().knex, createLogger('silent'), 60_000);
    const record = async (n: number) => {
      const unit = (await meter.price('cmal', caller.pricing_tier))!;
      for (let i = 0; i < n; i++) {
        meter.record({
          developerId: developer.id,
          appId: developerApp.id,
          product: 'cmal',
          usageDate: new Date().toISOString().slice(0, 10),
          tier: caller.pricing_tier,
          unit,
          records: new Map(),
        });
      }
    };

    await record(3);
    meter.failNext = 'before';
    await assert.rejects(meter.flush(), /before the commit/);
    assert.equal(meter.unflushedCalls(), 3, 'the failed batch is kept');
    await record(2); // counted while the failed batch waits
    await meter.flush();
    assert.deepEqual(await usage(db().knex, developer.id), { calls: 5, billed: '0.020000' });

    await record(4);
    meter.failNext = 'after';
    await assert.rejects(meter.flush(), /after the commit/);
    assert.equal(meter.unflushedCalls(), 4, 'a write whose outcome is unknown is kept too');
    await meter.flush(); // its id is found: the retry adds nothing
    assert.equal(meter.unflushedCalls(), 0);
    assert.deepEqual(await usage(db().knex, developer.id), { calls: 9, billed: '0.036000' });

    await record(1);
    meter.failNext = 'before';
    await assert.rejects(meter.flush());
    await meter.close(); // the shutdown path retries the kept batch
    assert.deepEqual(await usage(db().knex, developer.id), { calls: 10, billed: '0.040000' });
    await assertSummariesMatchRebuild(db().knex);
  });
});
