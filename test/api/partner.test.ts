import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, it } from 'node:test';
import request from 'supertest';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { assertSummariesMatchRebuild } from '../helpers/invariants.ts';
import { Scenario } from '../helpers/scenario.ts';

describeEachDatabase('partner API', (db) => {
  let s: Scenario;
  before(() => {
    const { app, config } = testApp(db());
    s = new Scenario(app, config);
  });

  it('shows the apps built on this partner’s businesses, their usage and the partner’s earnings — and nothing of other partners', async () => {
    const mine = await s.partner({ commission_percent: '10.00', directory_name: 'Mine Directory' });
    const theirs = await s.partner({ commission_percent: '20.00', directory_name: 'Theirs Directory' });
    const tp = await s.technicalPartner('active');
    const myBusiness = await s.referredBusiness(mine.id);
    const theirBusiness = await s.referredBusiness(theirs.id);
    await s.attribute(myBusiness.id, tp.app.id);
    await s.post(
      '/v1/events/usage',
      { developer_id: tp.developer.id, app_id: tp.app.id, product: 'cmal', business_id: myBusiness.id, calls: 40 },
      s.service,
      201,
    );
    await s.post(
      '/v1/events/usage',
      { developer_id: tp.developer.id, app_id: tp.app.id, product: 'cmal', business_id: theirBusiness.id, calls: 7 },
      s.service,
      201,
    );
    await s.pay(myBusiness.id, '50.00');
    await s.pay(theirBusiness.id, '50.00');

    const impact = await s.get('/v1/partner/me/developer-impact', s.bearer(mine.token));
    assert.equal(impact.partner.directory_name, 'Mine Directory');
    assert.deepEqual(impact.referrals, { total: 1, converted: 1, in_data_pool: 1 });
    assert.deepEqual(
      impact.apps.map((a: { id: string; records_served: number; businesses_attributed: number }) => [a.id, a.records_served, a.businesses_attributed]),
      [[tp.app.id, 40, 1]],
    );
    assert.deepEqual(impact.api_usage, { records_served: 40, calls: 40, by_product: [{ product: 'cmal', calls: 40 }] });
    assert.equal(impact.commissions.total, '5.00');
    assert.equal(impact.technical_partner, null);
    assert.equal(impact.combined_earnings, '5.00');
    const text = JSON.stringify(impact);
    assert.ok(!text.includes(theirs.id) && !text.includes('Theirs Directory'));
  });

  it('counts what a business brought before its referral converted, its pool membership as it changes, and each month’s net commission', async () => {
    const partner = await s.partner({ commission_percent: '7.50' });
    const tp = await s.technicalPartner('active');
    const business = await s.business({ is_verified: false });
    const unconverted = await s.business();
    await s.post('/v1/events/referrals', { partner_id: partner.id, business_id: business.id }, s.service, 201);
    await s.post('/v1/events/referrals', { partner_id: partner.id, business_id: unconverted.id }, s.service, 201);
    const usage = (product: string, calls: number, businessId = business.id) =>
      s.post('/v1/events/usage', { developer_id: tp.developer.id, app_id: tp.app.id, product, business_id: businessId, calls }, s.service, 201);
    // before the conversion: calls, an attribution, and calls about a business that never converts
    await usage('cmal', 12);
    await usage('voice', 30);
    await usage('cmal', 5, unconverted.id);
    await s.attribute(business.id, tp.app.id);
    const impact = () => s.get('/v1/partner/me/developer-impact', s.bearer(partner.token));
    const before = await impact();
    assert.deepEqual(before.referrals, { total: 2, converted: 0, in_data_pool: 0 });
    assert.deepEqual(before.api_usage.by_product, []);
    assert.deepEqual(before.apps, []);

    await s.post('/v1/events/conversions', { partner_id: partner.id, business_id: business.id }, s.service, 200);
    await usage('cmal', 3);
    const converted = await impact();
    assert.deepEqual(converted.referrals, { total: 2, converted: 1, in_data_pool: 0 }, 'unverified: converted, not in the pool');
    assert.deepEqual(converted.api_usage, {
      records_served: 0,
      calls: 45,
      by_product: [
        { product: 'voice', calls: 30 },
        { product: 'cmal', calls: 15 },
      ],
    });
    assert.deepEqual(
      converted.apps.map((a: { id: string; records_served: number; businesses_attributed: number }) => [a.id, a.records_served, a.businesses_attributed]),
      [[tp.app.id, 0, 1]],
    );

    await s.post(`/v1/events/businesses/${business.id}/verification`, { is_verified: true }, s.service, 200);
    assert.equal((await impact()).referrals.in_data_pool, 1);
    const payment = await s.pay(business.id, '80.05');
    await s.post('/v1/events/refunds', { payment_id: payment.payment.id, amount: '33.33' }, { ...s.service, 'Idempotency-Key': randomUUID() }, 201);
    await s.post(`/v1/events/businesses/${business.id}/verification`, { is_verified: false }, s.service, 200);
    const after = await impact();
    assert.equal(after.referrals.in_data_pool, 0, 'left the pool with its verification');
    // 7.50 % of 80.05 = 6.00; the refund of 33.33 of 80.05 keeps 6.00 − round(6.00 × 33.33 ÷ 80.05 = 2.498…) = 3.50
    assert.deepEqual(after.commissions.by_month, [{ month: new Date().toISOString().slice(0, 7), amount: '3.50' }]);
    assert.equal(after.commissions.total, '3.50');
    await assertSummariesMatchRebuild(db().knex);
  });

  it('refuses missing, wrong and revoked tokens, developer keys, and terminated partners', async () => {
    const partner = await s.partner();
    assert.equal((await request(s.app).get('/v1/partner/me/developer-impact')).status, 401);
    const developer = await s.developer();
    assert.equal((await request(s.app).get('/v1/partner/me/developer-impact').set(s.bearer(developer.key))).status, 401);
    await s.get('/v1/partner/me/developer-impact', s.bearer(partner.token));
    assert.equal((await request(s.app).delete(`/v1/admin/partner-tokens/${partner.tokenId}`).set(s.admin)).status, 200);
    assert.equal((await request(s.app).get('/v1/partner/me/developer-impact').set(s.bearer(partner.token))).status, 401);
    const terminated = await s.partner();
    await db().knex('directory_partners').where({ id: terminated.id }).update({ status: 'terminated' });
    const res = await request(s.app).get('/v1/partner/me/developer-impact').set(s.bearer(terminated.token));
    assert.equal(res.status, 403);
  });

  it('serves a browser page only through an embed session for one of the partner’s allowed origins', async () => {
    const partner = await s.partner({ allowed_origins: ['https://allowed.example'] });
    const direct = await request(s.app)
      .get('/v1/partner/me/developer-impact')
      .set({ ...s.bearer(partner.token), Origin: 'https://allowed.example' });
    assert.equal(direct.status, 403, 'the long-lived token is for servers, even from an allowed origin');
    assert.match(direct.body.error.message, /POST \/v1\/partner\/embed-sessions/);
    assert.equal(direct.headers['access-control-allow-origin'], undefined);
    const session = await s.post('/v1/partner/embed-sessions', { origin: 'https://allowed.example' }, s.bearer(partner.token), 201);
    const allowed = await request(s.app)
      .get('/v1/partner/me/developer-impact')
      .set({ ...s.bearer(session.client_secret), Origin: 'https://allowed.example' });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://allowed.example');
    const preflight = await request(s.app)
      .options('/v1/partner/me/developer-impact')
      .set({ Origin: 'https://allowed.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers['access-control-allow-headers']!, /Authorization/);
    const other = await request(s.app)
      .get('/v1/partner/me/developer-impact')
      .set({ ...s.bearer(session.client_secret), Origin: 'https://evil.example' });
    assert.equal(other.status, 403);
    assert.match(other.body.error.message, /the request came from https:\/\/evil\.example/);
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    await s.post('/v1/partner/embed-sessions', { origin: 'https://evil.example' }, s.bearer(partner.token), 403);
  });
});
