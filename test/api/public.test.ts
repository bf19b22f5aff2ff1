import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, it } from 'node:test';
import request from 'supertest';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { PUBLIC_BUSINESS_FIELDS } from '../helpers/factories.ts';
import { Scenario } from '../helpers/scenario.ts';

const PRIVATE = ['private-owner@secret.example', '+1-555-867-5309', 'Secret Owner Name', 'contact_email', 'contact_phone', 'owner_name'];

describeEachDatabase('public API', (db) => {
  let s: Scenario;
  let directory: Awaited<ReturnType<Scenario['partner']>>;
  let poweredApp: { id: string; name: string };
  before(async () => {
    const { app, config } = testApp(db());
    s = new Scenario(app, config);
    directory = await s.partner({ directory_name: 'Gamma Guide', commission_percent: '10.00' });
    const developer = await s.developer({ company: 'Gamma Labs' });
    poweredApp = await s.appOf(developer.key, { name: '<img src=x onerror=alert(1)> Maps', api_products: ['cmal', 'voice'] });
    await s.appOf(developer.key, { name: 'Never Read', is_showcased: true });
    for (const [category, city, state] of [
      ['Pets', 'Boise', 'ID'],
      ['Pets', 'Boise', 'ID'],
      ['Retail', 'Austin', 'TX'],
    ]) {
      const b = await s.referredBusiness(directory.id, { category, city, state });
      await s.pay(b.id, '100.00');
    }
    await s.get(`/v1/data/businesses?app_id=${poweredApp.id}`, s.bearer(developer.key));
  });

  it('impact: totals and value-flow figures from the ecosystem', async () => {
    const impact = await s.get('/v1/public/ecosystem/impact');
    assert.equal(impact.partner_referred_businesses, 3);
    assert.equal(impact.apps_powered_by_partner_data, 1);
    assert.equal(impact.directories, 1);
    assert.equal(impact.developers, 1);
    assert.equal(impact.apps, 2);
    assert.deepEqual(impact.value_flow, {
      referrals: 3,
      converted_businesses: 3,
      data_pool_businesses: 3,
      records_served: 3,
      partner_powered_apps: 1,
      partner_earnings: '30.00',
      app_earnings: '0.00',
    });
    assert.equal(impact.combined_cmal_economic_impact, '0.00');
  });

  it('showcase: partner-powered apps only, with their contributing directories; filters and paging', async () => {
    const page = await s.get('/v1/public/showcase/apps');
    assert.deepEqual(
      page.apps.map((a: { id: string }) => a.id),
      [poweredApp.id],
    );
    const app = page.apps[0];
    assert.equal(app.name, '<img src=x onerror=alert(1)> Maps'); // stored and returned verbatim, as data
    assert.equal(app.company, 'Gamma Labs');
    assert.deepEqual(app.contributing_directories, [{ id: directory.id, directory_name: 'Gamma Guide', records_served: 3, share_percent: '100.00' }]);
    assert.equal((await s.get('/v1/public/showcase/apps?product=fraud')).apps.length, 0);
    assert.equal((await s.get(`/v1/public/showcase/apps?directory=${directory.id}`)).apps.length, 1);
    assert.equal((await s.get('/v1/public/showcase/apps?q=maps')).apps.length, 1);
    assert.equal((await s.get('/v1/public/showcase/apps?q=%25')).apps.length, 0); // % is matched literally
    assert.match((await s.get('/v1/public/showcase/apps?limit=0', {}, 400)).error.message, /query\.limit/);
  });

  it('badge: partner-powered with directories; not partner-powered; 404; 400', async () => {
    const badge = await s.get(`/v1/public/apps/${poweredApp.id}/badge`);
    assert.equal(badge.partner_powered, true);
    assert.deepEqual(
      badge.directories.map((d: { directory_name: string }) => d.directory_name),
      ['Gamma Guide'],
    );
    const other = (await s.get('/v1/public/showcase/apps?limit=50')).apps.length;
    assert.equal(other, 1);
    assert.equal((await s.get(`/v1/public/apps/${randomUUID()}/badge`, {}, 404)).error.code, 'not_found');
    assert.match((await s.get('/v1/public/apps/not-a-uuid/badge', {}, 400)).error.message, /params\.appId/);
  });

  it('feed: counts by category and place, newest first', async () => {
    const feed = await s.get('/v1/public/feed?newest=2');
    assert.equal(feed.total_businesses, 3);
    assert.deepEqual(feed.by_category, [
      { category: 'Pets', businesses: 2 },
      { category: 'Retail', businesses: 1 },
    ]);
    assert.deepEqual(feed.by_state, [
      { state: 'ID', businesses: 2, cities: [{ city: 'Boise', businesses: 2 }] },
      { state: 'TX', businesses: 1, cities: [{ city: 'Austin', businesses: 1 }] },
    ]);
    assert.equal(feed.newest.length, 2);
    assert.equal(feed.newest[0].business.category, 'Retail');
    assert.deepEqual(Object.keys(feed.newest[0].business).sort(), PUBLIC_BUSINESS_FIELDS);
  });

  it('growth: monthly running totals ending this month', async () => {
    const growth = await s.get('/v1/public/ecosystem/growth?months=3');
    assert.equal(growth.months.length, 3);
    const last = growth.months.at(-1);
    assert.equal(last.month, new Date().toISOString().slice(0, 7));
    assert.equal(last.businesses, 3);
    assert.equal(last.apps, 2);
    assert.equal(last.records_served, 3);
    assert.match((await s.get('/v1/public/ecosystem/growth?months=99', {}, 400)).error.message, /query\.months/);
  });

  it('never returns a private business field', async () => {
    const paths = [
      '/v1/public/ecosystem/impact',
      '/v1/public/showcase/apps',
      `/v1/public/apps/${poweredApp.id}/badge`,
      '/v1/public/feed?newest=50',
      '/v1/public/ecosystem/growth',
    ];
    for (const path of paths) {
      const text = JSON.stringify(await s.get(path));
      for (const secret of PRIVATE) assert.ok(!text.includes(secret), `${path} leaks ${secret}`);
    }
  });

  it('is open to any origin, cacheable with ETag and Cache-Control, and answers 304 to a matching If-None-Match', async () => {
    const res = await request(s.app).get('/v1/public/ecosystem/impact').set('Origin', 'https://any-directory.example');
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.match(res.headers['cache-control']!, /public, max-age=\d+/);
    assert.ok(res.headers.etag);
    const again = await request(s.app).get('/v1/public/ecosystem/impact').set('If-None-Match', res.headers.etag!);
    assert.equal(again.status, 304);
    const preflight = await request(s.app).options('/v1/public/feed').set({ Origin: 'https://x.example', 'Access-Control-Request-Method': 'GET' });
    assert.equal(preflight.status, 204);
    // credentials are never accepted cross-origin on authenticated routes
    const developerRoute = await request(s.app).get('/v1/developer/me').set('Origin', 'https://x.example');
    assert.equal(developerRoute.headers['access-control-allow-origin'], undefined);
  });
});

describeEachDatabase('public rate limit', (db) => {
  it('answers 429 with Retry-After and the error shape past the per-IP limit', async () => {
    const { app } = testApp(db(), { PUBLIC_RATE_LIMIT_PER_MINUTE: 3 });
    for (let i = 0; i < 3; i++) {
      const allowed = await request(app).get('/v1/public/ecosystem/impact');
      assert.equal(allowed.status, 200);
      assert.match(allowed.headers.ratelimit!, new RegExp(`limit=3, remaining=${2 - i}, reset=\\d+`)); // tells clients how much is left
    }
    const limited = await request(app).get('/v1/public/ecosystem/impact');
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'rate_limited');
    assert.ok(Number(limited.headers['retry-after']) >= 1);
    assert.equal((await request(app).get('/healthz')).status, 200, 'only the public API is limited');
  });
});
