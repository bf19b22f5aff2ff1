import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, it } from 'node:test';
import request from 'supertest';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { Scenario } from '../helpers/scenario.ts';

describeEachDatabase('admin API', (db) => {
  let s: Scenario;
  before(() => {
    const { app, config } = testApp(db());
    s = new Scenario(app, config);
  });

  it('revenue: business payments + API billing, payouts by channel, net — worked by hand', async () => {
    const partner = await s.partner({ commission_percent: '10.00' });
    const tp = await s.technicalPartner('active');
    const business = await s.referredBusiness(partner.id);
    await s.attribute(business.id, tp.app.id);
    await s.pay(business.id, '200.00'); // partner 20.00, app 10.00
    await s.pay((await s.business()).id, '50.00'); // no earnings
    // 1,000 growth-tier calls of cmal at 4.00 per 1000 = 4.00; 500 TP calls of fraud at 4.50 = 2.25
    const today = new Date().toISOString().slice(0, 10);
    const plain = await s.developer({ pricing_tier: 'growth' });
    await s.post('/v1/events/usage', { developer_id: plain.id, product: 'cmal', calls: 1000, usage_date: today }, s.service, 201);
    await s.post('/v1/events/usage', { developer_id: tp.developer.id, product: 'fraud', calls: 500, usage_date: today }, s.service, 201);

    const revenue = await s.get('/v1/admin/revenue?months=2', s.admin);
    assert.deepEqual(revenue.totals, {
      platform_revenue: '256.25',
      payouts: '30.00',
      net: '226.25',
      partner_program: { revenue: '250.00', payouts: '20.00', net: '230.00' },
      developer_platform: { revenue: '6.25', payouts: '10.00', net: '-3.75' },
    });
    assert.equal(revenue.months.length, 2);
    assert.deepEqual(revenue.months.at(-1), {
      month: today.slice(0, 7),
      business_payments: '250.00',
      api_billing: '6.25',
      platform_revenue: '256.25',
      partner_payouts: '20.00',
      app_payouts: '10.00',
      payouts: '30.00',
      net: '226.25',
    });
  });

  it('cross-pollination: developers who became partners and partners who became developers', async () => {
    const before = await s.get('/v1/admin/cross-pollination', s.admin);
    const partner = await s.partner();
    const own = await s.developer({ email: `p-${randomUUID()}@x.example` });
    const { link_code } = await s.post('/v1/partner/me/technical-partner/apply', { email: own.email, app_name: 'P App' }, s.bearer(partner.token), 202);
    await s.post('/v1/developer/me/partner-link/confirm', { code: link_code }, s.bearer(own.key), 201);
    const developer = await s.developer();
    const laterPartner = await s.partner();
    await db().knex('developer_accounts').where({ id: developer.id }).update({ partner_id: laterPartner.id });
    const after = await s.get('/v1/admin/cross-pollination', s.admin);
    assert.equal(after.partners_who_became_developers, before.partners_who_became_developers + 1);
    assert.equal(after.developers_who_became_partners, before.developers_who_became_partners + 1);
    assert.equal(after.technical_partners.linked_to_directory, before.technical_partners.linked_to_directory + 1);
    assert.equal(after.months.length, 12);
    assert.match(after.rates.partner_to_developer_percent, /^\d+\.\d{2}$/);
  });

  it('health: every indicator has a definition, thresholds and a status', async () => {
    const health = await s.get('/v1/admin/health', s.admin);
    const keys = health.indicators.map((i: { key: string }) => i.key);
    assert.deepEqual(keys, [
      'data_pool_growth',
      'referral_conversion',
      'apps_on_partner_data',
      'directory_concentration',
      'active_technical_partners',
      'pending_approval_age',
    ]);
    for (const indicator of health.indicators) {
      assert.ok(indicator.definition.length > 20);
      assert.ok(['healthy', 'watch', 'at_risk'].includes(indicator.status));
      assert.match(indicator.value, /^-?\d+(\.\d{2})?$/);
    }
    const conversion = health.indicators.find((i: { key: string }) => i.key === 'referral_conversion');
    const { rows } = await db().knex.raw(`SELECT round(100.0 * count(*) FILTER (WHERE is_converted) / count(*), 2)::text AS pct FROM partner_referrals`);
    assert.equal(conversion.value, rows[0].pct);
  });

  it('lists applications by status with the developer, pages with a cursor', async () => {
    await s.technicalPartner('pending');
    await s.technicalPartner('pending');
    await s.technicalPartner('pending');
    const first = await s.get('/v1/admin/technical-partners?status=pending&limit=2', s.admin);
    assert.equal(first.technical_partners.length, 2);
    assert.ok(first.technical_partners.every((t: { status: string; developer: { email: string } }) => t.status === 'pending' && t.developer.email));
    const second = await s.get(`/v1/admin/technical-partners?status=pending&limit=2&cursor=${first.next_cursor}`, s.admin);
    const ids = new Set([...first.technical_partners, ...second.technical_partners].map((t: { id: string }) => t.id));
    assert.equal(ids.size, first.technical_partners.length + second.technical_partners.length);
    assert.match((await s.get('/v1/admin/technical-partners?status=approved', s.admin, 400)).error.message, /query\.status/);
  });

  it('manages partners and developers with clear conflicts', async () => {
    const partner = await s.partner({ directory_name: 'Unique Name Directory' });
    assert.equal((await s.post('/v1/admin/partners', { directory_name: 'unique name directory' }, s.admin, 409)).error.code, 'conflict');
    assert.match((await s.post('/v1/admin/partners', { directory_name: 'X', commission_percent: '101' }, s.admin, 400)).error.message, /commission_percent/);
    assert.match(
      (await s.post('/v1/admin/partners', { directory_name: 'Y', allowed_origins: ['https://a.example/path'] }, s.admin, 400)).error.message,
      /allowed_origins/,
    );
    const developer = await s.developer({ partner_id: partner.id });
    assert.equal(developer.partner_id, partner.id);
    await s.post('/v1/admin/developers', { name: 'Other', email: `o-${randomUUID()}@x.example`, partner_id: partner.id }, s.admin, 409);
    await s.post('/v1/admin/developers', { name: 'Dup', email: developer.email }, s.admin, 409);
  });

  it('every admin route refuses a missing or wrong token', async () => {
    for (const path of ['/v1/admin/revenue', '/v1/admin/cross-pollination', '/v1/admin/health', '/v1/admin/technical-partners']) {
      assert.equal((await request(s.app).get(path)).status, 401);
      assert.equal((await request(s.app).get(path).set('Authorization', `Bearer ${s.config.ADMIN_TOKEN}x`)).status, 401);
      assert.equal((await request(s.app).get(path).set(s.service)).status, 401, 'the service token is for events only');
    }
  });
});
