import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, it } from 'node:test';
import request from 'supertest';
import { rebuildSummaries } from '../../server/summaries/summaries.ts';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { assertLedgerMatchesTotals, assertSummariesMatchRebuild } from '../helpers/invariants.ts';
import { Scenario } from '../helpers/scenario.ts';

/**
 * The earnings rules with rates other than the defaults, every expectation worked out by hand in
 * cents (round half away from zero) and compared as exact strings; and the dates a payment or a
 * refund may carry: not before the business, no commission before the conversion, none in a closed month.
 */
describeEachDatabase('money rules', (db) => {
  let s: Scenario;
  before(() => {
    const { app, config } = testApp(db());
    s = new Scenario(app, config);
  });

  const pay = (body: Record<string, unknown>) =>
    request(s.app)
      .post('/v1/events/payments')
      .set({ ...s.service, 'Idempotency-Key': randomUUID() })
      .send(body);
  const amounts = (res: { body: { earnings: { channel: string; amount: string; rate_percent: string }[] } }) =>
    res.body.earnings.map((e) => `${e.channel} ${e.rate_percent}% ${e.amount}`);
  /** Moves a business's registration back, so payments may be dated in earlier months. */
  const registeredOn = (businessId: string, at: string) => db().knex('businesses').where({ id: businessId }).update({ created_at: at });

  it('a 7.50 % commission: 80.05 → 6.00, 33.33 → 2.50, 0.10 → 0.01', async () => {
    const partner = await s.partner({ commission_percent: '7.50' });
    const business = await s.referredBusiness(partner.id);
    const seen = [];
    for (const amount of ['80.05', '33.33', '0.10']) seen.push(...amounts(await pay({ business_id: business.id, amount })));
    assert.deepEqual(seen, ['partner 7.50% 6.00', 'partner 7.50% 2.50', 'partner 7.50% 0.01']);
    const total = await db().knex('directory_partners').where({ id: partner.id }).first('total_commission_earned');
    assert.equal(total.total_commission_earned, '8.51');
  });

  it('a Technical Partner earns its own revenue share, and the 5.00 % default only when the share is NULL', async () => {
    const withShare = await s.technicalPartner('active');
    await db().knex('technical_partners').where({ id: withShare.id }).update({ revenue_share_percent: '12.50' });
    const withoutShare = await s.technicalPartner('active');
    await db().knex('technical_partners').where({ id: withoutShare.id }).update({ revenue_share_percent: null });
    const seen = [];
    for (const tp of [withShare, withoutShare]) {
      const business = await s.business();
      await s.attribute(business.id, tp.app.id);
      seen.push(...amounts(await pay({ business_id: business.id, amount: '80.05' })));
    }
    // 80.05 × 12.50 % = 10.00625 → 10.01; 80.05 × 5.00 % = 4.0025 → 4.00
    assert.deepEqual(seen, ['app 12.50% 10.01', 'app 5.00% 4.00']);
  });

  it('a paused directory still earns; a terminated one earns nothing', async () => {
    const paused = await s.partner({ commission_percent: '7.50' });
    const terminated = await s.partner({ commission_percent: '7.50' });
    const pausedBusiness = await s.referredBusiness(paused.id);
    const terminatedBusiness = await s.referredBusiness(terminated.id);
    await db().knex('directory_partners').where({ id: paused.id }).update({ status: 'paused' });
    await db().knex('directory_partners').where({ id: terminated.id }).update({ status: 'terminated' });
    assert.deepEqual(amounts(await pay({ business_id: pausedBusiness.id, amount: '33.33' })), ['partner 7.50% 2.50']);
    assert.deepEqual(amounts(await pay({ business_id: terminatedBusiness.id, amount: '33.33' })), []);
  });

  it('refuses a payment dated before the business was registered, naming the field', async () => {
    const business = await s.business();
    const res = await pay({ business_id: business.id, amount: '10.00', paid_at: '1970-01-01T00:00:00Z' });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /^Invalid request: body\.paid_at: may not be before the business was registered/);
    assert.equal(res.body.error.details[0].field, 'paid_at');
  });

  it('pays no commission on a payment dated before the conversion it would pay on', async () => {
    const partner = await s.partner({ commission_percent: '7.50' });
    const business = await s.referredBusiness(partner.id); // converted now
    await registeredOn(business.id, '2026-01-01T00:00:00Z');
    const earlier = await pay({ business_id: business.id, amount: '80.05', paid_at: '2026-02-01T00:00:00Z' });
    assert.equal(earlier.status, 201);
    assert.deepEqual(amounts(earlier), []);
    assert.deepEqual(amounts(await pay({ business_id: business.id, amount: '80.05' })), ['partner 7.50% 6.00']);
  });

  it('a closed month refuses payments and refunds dated in it, and can be closed once only after it ended', async () => {
    const partner = await s.partner({ commission_percent: '7.50' });
    const business = await s.referredBusiness(partner.id);
    await registeredOn(business.id, '2026-01-01T00:00:00Z');
    // converted in January too (the counters follow: rebuilt from the base tables)
    await db().knex('partner_referrals').where({ referred_business_id: business.id }).update({ converted_at: '2026-01-02T00:00:00Z' });
    await rebuildSummaries(db().knex);
    const before = await pay({ business_id: business.id, amount: '20.00', paid_at: '2026-03-10T12:00:00Z' });
    assert.equal(before.status, 201);
    assert.deepEqual(amounts(before), ['partner 7.50% 1.50']);

    const close = (month: string) => request(s.app).post('/v1/admin/closed-months').set(s.admin).send({ month });
    assert.equal((await close('2026-03')).status, 201);
    const twice = await close('2026-03');
    assert.equal(twice.status, 409);
    assert.match(twice.body.error.message, /2026-03 is already closed/);
    const current = new Date().toISOString().slice(0, 7);
    const open = await close(current);
    assert.equal(open.status, 400);
    assert.match(open.body.error.message, /body\.month: must be a month that has ended/);

    const late = await pay({ business_id: business.id, amount: '20.00', paid_at: '2026-03-20T12:00:00Z' });
    assert.equal(late.status, 409);
    assert.match(late.body.error.message, /^body\.paid_at: 2026-03 is a closed month/);
    const refund = (body: Record<string, unknown>) =>
      request(s.app)
        .post('/v1/events/refunds')
        .set({ ...s.service, 'Idempotency-Key': randomUUID() })
        .send(body);
    const backdated = await refund({ payment_id: before.body.payment.id, amount: '5.00', refunded_at: '2026-03-25T00:00:00Z' });
    assert.equal(backdated.status, 409);
    assert.match(backdated.body.error.message, /^body\.refunded_at: 2026-03 is a closed month/);
    // a refund today of a payment in a closed month is dated today: allowed, the closed month is untouched
    const today = await refund({ payment_id: before.body.payment.id, amount: '5.00' });
    assert.equal(today.status, 201);
    assert.deepEqual(
      today.body.reversals.map((e: { amount: string }) => e.amount),
      ['-0.38'], // 1.50 − round(1.50 × 5 / 20 = 0.375 → 0.38)
    );
    const listed = await request(s.app).get('/v1/admin/closed-months').set(s.admin).expect(200);
    assert.ok(listed.body.months.some((m: { month: string }) => m.month === '2026-03'));
    await assertLedgerMatchesTotals(db().knex);
    await assertSummariesMatchRebuild(db().knex);
  });

  it('names the field when an amount would take a running total past its limit', async () => {
    const tp = await s.technicalPartner('active');
    const business = await s.business();
    await s.attribute(business.id, tp.app.id);
    // total_app_earnings holds at most 9,999,999,999.99; 5.00 % of 9,999,999,999.99 is 500,000,000.00
    await db().knex('technical_partners').where({ id: tp.id }).update({ total_app_earnings: '9600000000.00' });
    try {
      const res = await pay({ business_id: business.id, amount: '9999999999.99' });
      assert.equal(res.status, 400);
      assert.equal(
        res.body.error.message,
        'Invalid request: body.amount: would take a running total (earnings or revenue) past the largest amount it can hold',
      );
      const written = await db().knex('business_payments').where({ business_id: business.id }).count({ n: '*' }).first();
      assert.equal(Number(written?.n), 0, 'nothing half-written');
    } finally {
      await db().knex('technical_partners').where({ id: tp.id }).update({ total_app_earnings: '0.00' });
    }
  });
});
