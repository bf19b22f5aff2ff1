import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import request from 'supertest';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
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
