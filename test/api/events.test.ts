import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, it } from 'node:test';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { assertSummariesMatchRebuild } from '../helpers/invariants.ts';
import { Scenario } from '../helpers/scenario.ts';

describeEachDatabase('platform events', (db) => {
  let s: Scenario;
  before(() => {
    const { app, config } = testApp(db());
    s = new Scenario(app, config);
  });

  it('registers a business with validation that names the field', async () => {
    const business = await s.business({ business_name: 'Blue Door Cafe', average_rating: 4.5 });
    assert.equal(business.business_name, 'Blue Door Cafe');
    assert.equal(business.average_rating, 4.5);
    assert.equal(business.in_data_pool, false);
    const bad = await s.post('/v1/events/businesses', { business_name: '', category: 'X', city: 'Y', state: 'Z', average_rating: 7 }, s.service, 400);
    assert.match(bad.error.message, /body\.business_name/);
    assert.match(bad.error.message, /body\.average_rating/);
    assert.ok(Array.isArray(bad.error.details) && bad.error.details.some((d: { field: string }) => d.field === 'average_rating'));
  });

  it('refers once per (partner, business); converts once per business', async () => {
    const [a, b] = [await s.partner(), await s.partner()];
    const business = await s.business();
    await s.post('/v1/events/referrals', { partner_id: a.id, business_id: business.id }, s.service, 201);
    assert.equal((await s.post('/v1/events/referrals', { partner_id: a.id, business_id: business.id }, s.service, 409)).error.code, 'conflict');
    await s.post('/v1/events/referrals', { partner_id: b.id, business_id: business.id }, s.service, 201);
    const converted = await s.post('/v1/events/conversions', { partner_id: a.id, business_id: business.id }, s.service, 200);
    assert.equal(converted.is_converted, true);
    assert.equal(converted.in_data_pool, true);
    const again = await s.post('/v1/events/conversions', { partner_id: a.id, business_id: business.id }, s.service, 409);
    assert.match(again.error.message, /already converted/);
    const other = await s.post('/v1/events/conversions', { partner_id: b.id, business_id: business.id }, s.service, 409);
    assert.match(other.error.message, /another partner/);
    await s.post('/v1/events/conversions', { partner_id: a.id, business_id: randomUUID() }, s.service, 404);
    await s.post('/v1/events/referrals', { partner_id: randomUUID(), business_id: business.id }, s.service, 404);
  });

  it('refuses a converted_at in the future and names the field', async () => {
    const partner = await s.partner();
    const business = await s.business();
    await s.post('/v1/events/referrals', { partner_id: partner.id, business_id: business.id }, s.service, 201);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const refused = await s.post('/v1/events/conversions', { partner_id: partner.id, business_id: business.id, converted_at: future }, s.service, 400);
    assert.equal(refused.error.message, 'Invalid request: body.converted_at: may not be in the future');
    assert.deepEqual(refused.error.details, [{ location: 'body', field: 'converted_at', message: 'may not be in the future' }]);
    const past = new Date(Date.now() - 86_400_000).toISOString();
    const converted = await s.post('/v1/events/conversions', { partner_id: partner.id, business_id: business.id, converted_at: past }, s.service, 200);
    assert.equal(converted.converted_at, past);
  });

  it('attributes a business to one app only; a second attribution is refused and names the first app', async () => {
    const developer = await s.developer();
    const [first, second] = [await s.appOf(developer.key, { name: 'First App' }), await s.appOf(developer.key, { name: 'Second App' })];
    const business = await s.business();
    const attribution = await s.attribute(business.id, first.id);
    assert.equal(attribution.app_name, 'First App');
    assert.equal(attribution.earnings_attributed, '0.00');
    const refused = await s.post('/v1/events/attributions', { business_id: business.id, app_id: second.id }, s.service, 409);
    assert.match(refused.error.message, /already attributed to the app "First App"/);
    assert.equal((await db().knex('app_business_attributions').where({ business_id: business.id }).count({ n: '*' }).first())!.n, 1);
  });

  it('counts attributions as the technical partner’s app referrals', async () => {
    const tp = await s.technicalPartner('active');
    await s.attribute((await s.business()).id, tp.app.id);
    await s.attribute((await s.business()).id, tp.app.id);
    const status = await s.get('/v1/developer/me/technical-partner', s.bearer(tp.developer.key));
    assert.equal(status.technical_partner.total_app_referrals, 2);
  });

  it('moves a business in and out of the data pool with its verification', async () => {
    const partner = await s.partner();
    const business = await s.referredBusiness(partner.id, { is_verified: false, category: 'Pets' });
    const pool = () => db().knex('partner_referred_businesses_api').where({ id: business.id });
    assert.equal((await pool()).length, 0);
    const verified = await s.post(`/v1/events/businesses/${business.id}/verification`, { is_verified: true }, s.service, 200);
    assert.equal(verified.in_data_pool, true);
    assert.equal((await pool()).length, 1);
    const feed = await s.get('/v1/public/feed?newest=50');
    assert.ok(feed.newest.some((e: { business: { id: string } }) => e.business.id === business.id));
    const withdrawn = await s.post(`/v1/events/businesses/${business.id}/verification`, { is_verified: false }, s.service, 200);
    assert.equal(withdrawn.in_data_pool, false);
    const after = await s.get('/v1/public/feed?newest=50');
    assert.ok(!after.newest.some((e: { business: { id: string } }) => e.business.id === business.id));
    await assertSummariesMatchRebuild(db().knex);
  });

  it('meters usage at the developer’s tier, credits the directory, and counts the attribution’s calls', async () => {
    const partner = await s.partner();
    const tp = await s.technicalPartner('active');
    const business = await s.referredBusiness(partner.id);
    await s.attribute(business.id, tp.app.id);
    const usage = await s.post(
      '/v1/events/usage',
      { developer_id: tp.developer.id, app_id: tp.app.id, product: 'fraud', business_id: business.id, calls: 2000, usage_date: '2026-10-15' },
      s.service,
      201,
    );
    assert.equal(usage.pricing_tier, 'technical_partner');
    assert.equal(usage.partner_records, 2000);
    const row = await db().knex('api_usage').where({ developer_id: tp.developer.id, product: 'fraud' }).first();
    assert.equal(Number(row.billed_amount), 9); // 2000 calls at 4.50 per 1000
    const attribution = await db().knex('app_business_attributions').where({ business_id: business.id }).first();
    assert.equal(attribution.api_calls_generated, 2000);
    const badge = await s.get(`/v1/public/apps/${tp.app.id}/badge`);
    assert.equal(badge.partner_powered, true);
    assert.deepEqual(
      badge.directories.map((d: { id: string }) => d.id),
      [partner.id],
    );
    const foreignApp = await s.appOf((await s.developer()).key);
    await s.post('/v1/events/usage', { developer_id: tp.developer.id, app_id: foreignApp.id, product: 'cmal', calls: 1 }, s.service, 404);
    await s.post('/v1/events/usage', { developer_id: tp.developer.id, product: 'maps', calls: 1 }, s.service, 400);
  });

  it('records and corrects CMAL impact, which counts toward the pool’s combined impact', async () => {
    const partner = await s.partner();
    const business = await s.referredBusiness(partner.id);
    const before = (await s.get('/v1/public/ecosystem/impact')).combined_cmal_economic_impact;
    await s.post(
      '/v1/events/cmal-impact',
      { business_id: business.id, period_start: '2026-09-01', economic_impact: '1000.50', jobs_supported: 3 },
      s.service,
      200,
    );
    await s.post('/v1/events/cmal-impact', { business_id: business.id, period_start: '2026-09-01', economic_impact: '1200.25' }, s.service, 200);
    const after = (await s.get('/v1/public/ecosystem/impact')).combined_cmal_economic_impact;
    assert.equal((Math.round(Number(after) * 100) - Math.round(Number(before) * 100)) / 100, 1200.25);
    const bad = await s.post('/v1/events/cmal-impact', { business_id: business.id, period_start: '2026-09-15', economic_impact: '1.00' }, s.service, 400);
    assert.match(bad.error.message, /period_start: must be the first day of a month/);
    await assertSummariesMatchRebuild(db().knex);
  });
});
