import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, it } from 'node:test';
import request from 'supertest';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { Scenario } from '../helpers/scenario.ts';

describeEachDatabase('technical-partner lifecycle', (db) => {
  let s: Scenario;
  before(() => {
    const { app, config } = testApp(db());
    s = new Scenario(app, config);
  });
  const transition = (id: string, action: string, status: number) => s.post(`/v1/admin/technical-partners/${id}/${action}`, {}, s.admin, status);

  it('a developer applies once: pending with the default 5.00 share; applying twice is refused', async () => {
    const developer = await s.developer();
    const before = await s.get('/v1/developer/me/technical-partner', s.bearer(developer.key));
    assert.equal(before.technical_partner, null);
    assert.ok(before.prices.length === 4);
    const applied = await s.post(
      '/v1/developer/me/technical-partner/apply',
      { app_name: 'Maps', app_url: 'https://maps.example' },
      s.bearer(developer.key),
      201,
    );
    assert.equal(applied.technical_partner.status, 'pending');
    assert.equal(applied.technical_partner.revenue_share_percent, '5.00');
    assert.equal(applied.technical_partner.total_app_earnings, '0.00');
    const again = await s.post('/v1/developer/me/technical-partner/apply', { app_name: 'Maps' }, s.bearer(developer.key), 409);
    assert.match(again.error.message, /already applied.*pending/i);
    assert.equal((await db().knex('technical_partners').where({ developer_id: developer.id }).count({ n: '*' }).first())!.n, 1);
  });

  it('approve: pending → active, approved_at set, a preferential key shown once that works at once', async () => {
    const tp = await s.technicalPartner('pending');
    const asked = Date.now();
    const approved = await transition(tp.id, 'approve', 200);
    const answered = Date.now();
    assert.equal(approved.technical_partner.status, 'active');
    // the server stamps the approval with its clock, which is this process's: it falls within the call
    const approvedAt = Date.parse(approved.technical_partner.approved_at);
    assert.ok(asked <= approvedAt && approvedAt <= answered, `approved_at ${approved.technical_partner.approved_at}`);
    const key = approved.api_key;
    assert.equal(key.pricing_tier, 'technical_partner');
    assert.match(key.key, /^ewk_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{32}$/);
    const cmal = key.prices.find((p: { product: string }) => p.product === 'cmal');
    assert.deepEqual(cmal, {
      product: 'cmal',
      name: 'CMAL economic impact',
      price_per_1000: '4.00',
      technical_partner_price_per_1000: '3.00',
      discount_percent: '25.00',
    });
    const stored = await db().knex('api_keys').where({ id: key.id }).first();
    assert.notEqual(stored.key_hash, key.key);
    assert.ok(!JSON.stringify(stored).includes(key.key), 'only the hash is stored');
    const page = await s.get('/v1/data/businesses?limit=1', s.bearer(key.key));
    assert.equal(page.metering.pricing_tier, 'technical_partner');
    assert.equal(page.metering.price_per_1000, '3.00');
    // the list never shows a secret again
    const list = await s.get('/v1/admin/technical-partners?status=active', s.admin);
    assert.ok(!JSON.stringify(list).includes(key.key));
  });

  it('suspend: active → suspended and the preferential key stops working; reactivate issues a new one', async () => {
    const tp = await s.technicalPartner('active');
    const suspended = await transition(tp.id, 'suspend', 200);
    assert.equal(suspended.technical_partner.status, 'suspended');
    assert.equal(suspended.api_key, null);
    await s.get('/v1/data/businesses', s.bearer(tp.preferentialKey!), 401);
    await s.get('/v1/data/businesses', s.bearer(tp.developer.key), 200); // the ordinary key keeps working
    const reactivated = await transition(tp.id, 'reactivate', 200);
    assert.equal(reactivated.technical_partner.status, 'active');
    assert.equal(reactivated.technical_partner.suspended_at, null);
    await s.get('/v1/data/businesses', s.bearer(reactivated.api_key.key), 200);
  });

  it('refuses every illegal transition with 409 and changes nothing', async () => {
    const illegal: [string, 'pending' | 'active' | 'suspended'][] = [
      ['suspend', 'pending'],
      ['reactivate', 'pending'],
      ['approve', 'active'],
      ['reactivate', 'active'],
      ['approve', 'suspended'],
      ['suspend', 'suspended'],
    ];
    for (const [action, from] of illegal) {
      const tp = await s.technicalPartner(from);
      const keysBefore = await db().knex('api_keys').where({ developer_id: tp.developer.id }).count({ n: '*' }).first();
      const refused = await transition(tp.id, action, 409);
      assert.equal(refused.error.code, 'invalid_transition');
      assert.match(refused.error.message, new RegExp(`Cannot ${action} a technical partner that is ${from}`));
      const row = await db().knex('technical_partners').where({ id: tp.id }).first();
      assert.equal(row.status, from);
      assert.deepEqual(await db().knex('api_keys').where({ developer_id: tp.developer.id }).count({ n: '*' }).first(), keysBefore);
    }
  });

  it('answers 404 for an unknown id, 400 for a malformed one, 401 without the admin token', async () => {
    assert.equal((await transition(randomUUID(), 'approve', 404)).error.code, 'not_found');
    assert.match((await transition('nope', 'approve', 400)).error.message, /params\.id/);
    const tp = await s.technicalPartner('pending');
    const res = await request(s.app).post(`/v1/admin/technical-partners/${tp.id}/approve`).set(s.bearer(tp.developer.key));
    assert.equal(res.status, 401);
  });

  it('concurrent approvals of one application issue exactly one key', async () => {
    const tp = await s.technicalPartner('pending');
    const results = await Promise.all(Array.from({ length: 20 }, () => request(s.app).post(`/v1/admin/technical-partners/${tp.id}/approve`).set(s.admin)));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, ...Array(19).fill(409)]);
    const keys = await db().knex('api_keys').where({ developer_id: tp.developer.id, pricing_tier: 'technical_partner' }).count({ n: '*' }).first();
    assert.equal(keys!.n, 1);
  });

  it('a directory partner upgrades: a linked developer account and a pending application; twice is refused', async () => {
    const partner = await s.partner();
    const email = `owner-${randomUUID()}@dir.example`;
    const applied = await s.post('/v1/partner/me/technical-partner/apply', { email, app_name: 'Dir App', company: 'Dir Co' }, s.bearer(partner.token), 201);
    assert.equal(applied.developer_created, true);
    assert.equal(applied.technical_partner.status, 'pending');
    assert.equal(applied.technical_partner.partner_id, partner.id);
    const developer = await db().knex('developer_accounts').where({ id: applied.developer_id }).first();
    assert.equal(developer.partner_id, partner.id);
    assert.equal(developer.email, email);
    const again = await s.post('/v1/partner/me/technical-partner/apply', { email, app_name: 'Dir App' }, s.bearer(partner.token), 409);
    assert.equal(again.error.code, 'conflict');
    const bad = await s.post('/v1/partner/me/technical-partner/apply', { email: 'not-an-email', app_name: 'x' }, s.bearer(partner.token), 400);
    assert.match(bad.error.message, /body\.email/);
  });

  it('a partner who already has a developer account under that email gets it linked, not duplicated', async () => {
    const partner = await s.partner();
    const existing = await s.developer();
    const applied = await s.post(
      '/v1/partner/me/technical-partner/apply',
      { email: existing.email.toUpperCase(), app_name: 'Linked' },
      s.bearer(partner.token),
      201,
    );
    assert.equal(applied.developer_id, existing.id);
    assert.equal(applied.developer_created, false);
  });
});
