import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Knex } from 'knex';
import request from 'supertest';
import { usageMeterOf } from '../../server/resources/usage/usage-meter.ts';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { Scenario } from '../helpers/scenario.ts';

/** The statements that read a page of the pool and that look a key up (other reads run in the background). */
const PAGE = /^select .* from "partner_referred_businesses_api" .*order by "id"/;
const KEY = /^select \* from "api_keys" where "key_prefix"/;

/** Counts the statements matching `statement` while `work` runs. */
async function readsOf<T>(knex: Knex, statement: RegExp, work: () => Promise<T>): Promise<{ result: T; reads: number }> {
  let reads = 0;
  const listener = (query: { sql: string }) => {
    if (statement.test(query.sql)) reads++;
  };
  knex.on('query', listener);
  try {
    return { result: await work(), reads };
  } finally {
    knex.removeListener('query', listener);
  }
}

const HOUR = 3_600_000;

describeEachDatabase('data pool caches', (db) => {
  it('serves a page from memory within DATA_POOL_CACHE_MS, one query for calls arriving together, and meters every call', async () => {
    const { app, config } = testApp(db(), { DATA_POOL_CACHE_MS: HOUR, METER_FLUSH_MS: 60_000 });
    const s = new Scenario(app, config);
    const developer = await s.developer();
    const developerApp = await s.appOf(developer.key);
    const partner = await s.partner();
    for (let i = 0; i < 3; i++) await s.referredBusiness(partner.id);
    const path = `/v1/data/businesses?app_id=${developerApp.id}&limit=2`;
    const call = () =>
      request(app)
        .get(path)
        .set({ Authorization: `Bearer ${developer.key}` });

    const { result: answers, reads } = await readsOf(db().knex, PAGE, () => Promise.all([call(), call(), call()]));
    for (const answer of answers) assert.equal(answer.status, 200);
    assert.equal(reads, 1, 'three calls arriving together read the page once');
    assert.deepEqual(answers[1]!.body.data, answers[0]!.body.data);

    // another filter is another page
    const other = await readsOf(db().knex, PAGE, () =>
      request(app)
        .get(`${path}&fields=business_name`)
        .set({ Authorization: `Bearer ${developer.key}` }),
    );
    assert.equal(other.result.status, 200);
    assert.equal(other.reads, 1);
    assert.deepEqual(Object.keys(other.result.body.data[0]).sort(), ['business_name', 'id']);

    // a business added meanwhile shows once the page expires, not before (here: an hour)
    await s.referredBusiness(partner.id);
    const again = await readsOf(db().knex, PAGE, call);
    assert.equal(again.reads, 0);

    await usageMeterOf(app).flush();
    const billed = await db().knex('api_usage').where({ developer_id: developer.id }).sum({ calls: 'calls' }).first();
    assert.equal(Number(billed!.calls), 5, 'every call is billed, cached or not');
  });

  it('answers a remembered page as res.json would: same JSON, type, ETag and 304', async () => {
    const { app, config } = testApp(db(), { DATA_POOL_CACHE_MS: HOUR });
    const s = new Scenario(app, config);
    const developer = await s.developer();
    const partner = await s.partner();
    for (let i = 0; i < 3; i++) await s.referredBusiness(partner.id);
    const call = (headers: Record<string, string> = {}) =>
      request(app)
        .get('/v1/data/businesses?limit=2&fields=business_name,average_rating')
        .set({ Authorization: `Bearer ${developer.key}`, ...headers });
    const first = await call();
    const second = await call();
    assert.equal(first.status, 200);
    assert.equal(first.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(second.text, first.text);
    assert.equal(first.text, JSON.stringify({ ...first.body }), 'the currency is the last key, as the Api adds it');
    assert.deepEqual(Object.keys(first.body), ['data', 'next_cursor', 'metering', 'currency']);
    assert.match(first.headers.etag!, /^W\/"[0-9a-f]+-/);
    assert.equal(second.headers.etag, first.headers.etag);
    assert.equal(first.headers.etag, app.get('etag fn')(Buffer.from(first.text)), 'the ETag Express computes for that body');
    assert.equal(Number(first.headers['content-length']), Buffer.byteLength(first.text));
    const unchanged = await call({ 'If-None-Match': first.headers.etag! });
    assert.equal(unchanged.status, 304);
    await usageMeterOf(app).flush();
    const billed = await db().knex('api_usage').where({ developer_id: developer.id }).sum({ calls: 'calls' }).first();
    assert.equal(Number(billed!.calls), 3, 'a 304 is a call served too');
  });

  /** A pool of one directory's one business, and a call reading its page. */
  async function oneDirectoryPool(cacheMs: number) {
    const { app, config } = testApp(db(), { DATA_POOL_CACHE_MS: cacheMs });
    const s = new Scenario(app, config);
    const developer = await s.developer();
    const partner = await s.partner();
    await s.referredBusiness(partner.id);
    const call = () =>
      request(app)
        .get(`/v1/data/businesses?limit=5&directory=${partner.id}`)
        .set({ Authorization: `Bearer ${developer.key}` });
    return { s, partner, call };
  }

  it('reads the page again once DATA_POOL_CACHE_MS has passed', async () => {
    const { s, partner, call } = await oneDirectoryPool(50);
    const first = await call();
    assert.equal(first.body.data.length, 1);
    await s.referredBusiness(partner.id);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const later = await call();
    assert.equal(later.body.data.length, 2);
  });

  it('renews a page asked for near its expiry in the background, the calls keeping the live page meanwhile', async () => {
    const { s, partner, call } = await oneDirectoryPool(2_000);
    const started = Date.now();
    assert.equal((await call()).body.data.length, 1);
    await s.referredBusiness(partner.id);
    await new Promise((resolve) => setTimeout(resolve, 1_600 - (Date.now() - started))); // into the last quarter
    const renewing = await readsOf(db().knex, PAGE, call);
    assert.equal(renewing.result.body.data.length, 1, 'the live page answers while the next is read');
    assert.equal(renewing.reads, 1, 'one read started in the background');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const renewed = await readsOf(db().knex, PAGE, call);
    assert.equal(renewed.result.body.data.length, 2);
    assert.equal(renewed.reads, 0, 'the renewed page answers');
  });

  it('remembers a verified key, yet a revoked key is refused at once and a wrong secret never matches', async () => {
    const { app, config } = testApp(db(), { API_KEY_CACHE_MS: HOUR });
    const s = new Scenario(app, config);
    const developer = await s.developer();
    const call = (key: string) =>
      request(app)
        .get('/v1/developer/me')
        .set({ Authorization: `Bearer ${key}` });

    assert.equal((await call(developer.key)).status, 200);
    const remembered = await readsOf(db().knex, KEY, () => call(developer.key));
    assert.equal(remembered.result.status, 200);
    assert.equal(remembered.reads, 0, 'the key was verified a moment ago');

    // same prefix, another secret: looked up and refused, though the right key is remembered
    const forged = `${developer.key.slice(0, developer.key.lastIndexOf('_') + 1)}${'A'.repeat(32)}`;
    assert.equal((await call(forged)).status, 401);

    assert.equal((await request(app).delete(`/v1/admin/api-keys/${developer.keyId}`).set(s.admin)).status, 200);
    const refused = await call(developer.key);
    assert.equal(refused.status, 401, JSON.stringify(refused.body));
  });

  it('looks a key up once for calls arriving together, and a refused key again on every call', async () => {
    const { app, config } = testApp(db(), { API_KEY_CACHE_MS: HOUR });
    const s = new Scenario(app, config);
    const developer = await s.developer();
    const call = (key: string) =>
      request(app)
        .get('/v1/developer/me')
        .set({ Authorization: `Bearer ${key}` });

    const together = await readsOf(db().knex, KEY, () => Promise.all([call(developer.key), call(developer.key), call(developer.key)]));
    for (const answer of together.result) assert.equal(answer.status, 200);
    assert.equal(together.reads, 1, 'three calls arriving together read the key once');

    // the key's own prefix (ewk_ and 8 characters; its secret may hold an underscore too), another secret
    const forged = `${developer.key.split('_').slice(0, 2).join('_')}_${'B'.repeat(32)}`;
    const refused = await readsOf(db().knex, KEY, async () => [await call(forged), await call(forged)]);
    for (const answer of refused.result) assert.equal(answer.status, 401);
    assert.equal(refused.reads, 2, 'a key that did not match is never remembered');
  });

  it('renews a key in constant use before it expires, and forgets it once the renewal finds it revoked elsewhere', async () => {
    const { app, config } = testApp(db(), { API_KEY_CACHE_MS: 2_000 });
    const s = new Scenario(app, config);
    const developer = await s.developer();
    const call = () =>
      request(app)
        .get('/v1/developer/me')
        .set({ Authorization: `Bearer ${developer.key}` });
    const started = Date.now();
    assert.equal((await call()).status, 200);
    // revoked by another process: this one is not told
    await db().knex('api_keys').where({ id: developer.keyId }).update({ revoked_at: new Date() });
    await new Promise((resolve) => setTimeout(resolve, 1_600 - (Date.now() - started))); // into the last quarter
    const renewing = await readsOf(db().knex, KEY, call);
    assert.equal(renewing.result.status, 200, 'the live answer stands while the key is read again');
    assert.equal(renewing.reads, 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal((await call()).status, 401, 'refused before its entry would have expired');
  });

  it('refuses a suspended Technical Partner’s preferential key at once', async () => {
    const { app, config } = testApp(db(), { API_KEY_CACHE_MS: HOUR });
    const s = new Scenario(app, config);
    const { id, preferentialKey } = await s.technicalPartner('active');
    const call = () =>
      request(app)
        .get('/v1/developer/me')
        .set({ Authorization: `Bearer ${preferentialKey}` });
    assert.equal((await call()).status, 200);
    await s.post(`/v1/admin/technical-partners/${id}/suspend`, {}, s.admin, 200);
    assert.equal((await call()).status, 401);
  });
});
