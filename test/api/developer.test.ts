import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import request from 'supertest';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { PUBLIC_BUSINESS_FIELDS } from '../helpers/factories.ts';
import { Scenario } from '../helpers/scenario.ts';

const PRIVATE = ['private-owner@secret.example', '+1-555-867-5309', 'Secret Owner Name', 'contact_email', 'owner_name'];

describeEachDatabase('developer API', (db) => {
  let s: Scenario;
  let directoryA: Awaited<ReturnType<Scenario['partner']>>;
  let directoryB: Awaited<ReturnType<Scenario['partner']>>;
  before(async () => {
    const { app, config } = testApp(db());
    s = new Scenario(app, config);
    directoryA = await s.partner({ directory_name: 'Alpha Listings' });
    directoryB = await s.partner({ directory_name: 'Beta Pages' });
    for (let i = 0; i < 5; i++) await s.referredBusiness(directoryA.id, { category: 'Fitness', state: 'OR', city: 'Portland' });
    for (let i = 0; i < 3; i++) await s.referredBusiness(directoryB.id, { category: 'Pets', state: 'WA', city: 'Seattle' });
    await s.referredBusiness(directoryB.id, { category: 'Pets', is_verified: false }); // not in the pool
  });

  it('serves the data pool with filters, field selection and cursor pagination — only anonymized fields', async () => {
    const developer = await s.developer();
    const pets = await s.get('/v1/data/businesses?category=Pets', s.bearer(developer.key));
    assert.equal(pets.data.length, 3);
    assert.ok(pets.data.every((b: { referring_directory: string }) => b.referring_directory === 'Beta Pages'));
    assert.deepEqual(Object.keys(pets.data[0]).sort(), PUBLIC_BUSINESS_FIELDS);
    const text = JSON.stringify(pets);
    for (const secret of PRIVATE) assert.ok(!text.includes(secret), `no ${secret}`);

    const slim = await s.get(`/v1/data/businesses?directory=${directoryA.id}&fields=business_name,city`, s.bearer(developer.key));
    assert.deepEqual(Object.keys(slim.data[0]).sort(), ['business_name', 'city', 'id']);

    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { data: { id: string }[]; next_cursor: string | null } = await s.get(
        `/v1/data/businesses?state=OR&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        s.bearer(developer.key),
      );
      seen.push(...page.data.map((b) => b.id));
      cursor = page.next_cursor;
    }
    assert.equal(seen.length, 5);
    assert.equal(new Set(seen).size, 5);
  });

  it('names the bad parameter', async () => {
    const developer = await s.developer();
    const bad = await s.get('/v1/data/businesses?fields=business_name,owner_name&limit=500', s.bearer(developer.key), 400);
    assert.match(bad.error.message, /query\.fields: unknown field\(s\) owner_name/);
    assert.match(bad.error.message, /query\.limit/);
    assert.match((await s.get('/v1/data/businesses?directory=abc', s.bearer(developer.key), 400)).error.message, /query\.directory/);
  });

  it('meters every call at the key’s tier price and credits the directories to the calling app', async () => {
    const developer = await s.developer({ pricing_tier: 'growth' });
    const app = await s.appOf(developer.key);
    await s.get(`/v1/data/businesses?app_id=${app.id}&product=voice`, s.bearer(developer.key));
    const page = await s.get(`/v1/data/businesses?app_id=${app.id}&product=voice&category=Pets`, s.bearer(developer.key));
    assert.deepEqual(page.metering, { product: 'voice', pricing_tier: 'growth', calls: 1, price_per_1000: '2.50', app_id: app.id });
    const usage = await db().knex('api_usage').where({ developer_id: developer.id, product: 'voice' });
    assert.equal(usage.length, 1);
    assert.equal(Number(usage[0].calls), 2);
    assert.equal(Number(usage[0].billed_amount), 0.005); // 2 calls at 2.50 per 1000
    const sources = await s.get('/v1/developer/me/data-sources', s.bearer(developer.key));
    assert.equal(sources.records_served, 8 + 3);
    assert.deepEqual(
      sources.directories.map((d: { directory_name: string; records_served: number; share_percent: string }) => [
        d.directory_name,
        d.records_served,
        d.share_percent,
      ]),
      [
        ['Beta Pages', 6, '54.55'],
        ['Alpha Listings', 5, '45.45'],
      ],
    );
    const apps = await s.get('/v1/developer/me/apps', s.bearer(developer.key));
    assert.equal(apps.apps[0].api_calls, 2);
    assert.equal(apps.apps[0].records_served, 11);
    assert.ok(apps.apps[0].partner_powered_since);
  });

  it('refuses another developer’s app id as not found', async () => {
    const [me, other] = [await s.developer(), await s.developer()];
    const theirs = await s.appOf(other.key);
    const res = await s.get(`/v1/data/businesses?app_id=${theirs.id}`, s.bearer(me.key), 404);
    assert.equal(res.error.code, 'not_found');
    const mine = await s.get('/v1/developer/me/apps', s.bearer(me.key));
    assert.ok(!mine.apps.some((a: { id: string }) => a.id === theirs.id));
  });

  it('lets an active Technical Partner issue its preferential key once, revoking the earlier one', async () => {
    const pending = await s.technicalPartner('pending');
    const refused = await request(s.app).post('/v1/developer/me/technical-partner/key').set(s.bearer(pending.developer.key));
    assert.equal(refused.status, 409);
    assert.match(refused.body.error.message, /yours is pending/);
    const stranger = await s.developer();
    assert.equal((await request(s.app).post('/v1/developer/me/technical-partner/key').set(s.bearer(stranger.key))).status, 404);
    assert.equal((await request(s.app).post('/v1/developer/me/technical-partner/key')).status, 401);

    const active = await s.technicalPartner('active');
    const issued = await s.post('/v1/developer/me/technical-partner/key', undefined, s.bearer(active.developer.key), 201);
    assert.equal(issued.pricing_tier, 'technical_partner');
    assert.match(issued.key, /^ewk_/);
    assert.deepEqual(
      issued.prices.find((p: { product: string }) => p.product === 'cmal'),
      {
        product: 'cmal',
        name: issued.prices[0].name,
        price_per_1000: '4.00',
        technical_partner_price_per_1000: '3.00',
        discount_percent: '25.00',
      },
    );
    // the approval's key is revoked; the new one is billed at the preferential price
    assert.equal((await request(s.app).get('/v1/developer/me').set(s.bearer(active.preferentialKey!))).status, 401);
    const page = await s.get('/v1/data/businesses?limit=1', s.bearer(issued.key));
    assert.equal(page.metering.pricing_tier, 'technical_partner');
    assert.equal(page.metering.price_per_1000, '3.00');
    // the developer's ordinary key keeps working
    assert.equal((await request(s.app).get('/v1/developer/me').set(s.bearer(active.developer.key))).status, 200);
  });

  it('requires a valid, unrevoked key; revocation takes effect at once', async () => {
    assert.equal((await request(s.app).get('/v1/data/businesses')).status, 401);
    assert.equal((await request(s.app).get('/v1/data/businesses').set('Authorization', 'Bearer nonsense')).status, 401);
    const developer = await s.developer();
    const tampered = developer.key.slice(0, -1) + (developer.key.endsWith('a') ? 'b' : 'a');
    assert.equal((await request(s.app).get('/v1/data/businesses').set(s.bearer(tampered))).status, 401);
    await s.get('/v1/developer/me', s.bearer(developer.key));
    const revoked = await request(s.app).delete(`/v1/admin/api-keys/${developer.keyId}`).set(s.admin);
    assert.equal(revoked.status, 200);
    const after = await request(s.app).get('/v1/developer/me').set(s.bearer(developer.key));
    assert.equal(after.status, 401);
    assert.match(after.body.error.message, /Invalid or revoked API key/);
  });

  it('registers apps; a duplicate name is refused', async () => {
    const developer = await s.developer();
    const app = await s.appOf(developer.key, { name: 'Storefront', url: 'https://storefront.example', api_products: ['cmal', 'fraud'] });
    assert.deepEqual(app.api_products, ['cmal', 'fraud']);
    await s.post('/v1/developer/me/apps', { name: 'Storefront' }, s.bearer(developer.key), 409);
    const bad = await s.post('/v1/developer/me/apps', { name: 'X', url: 'javascript:alert(1)' }, s.bearer(developer.key), 400);
    assert.match(bad.error.message, /body\.url/);
  });
});
