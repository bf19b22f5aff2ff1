import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, it } from 'node:test';
import request from 'supertest';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { assertLedgerMatchesTotals, assertSummariesMatchRebuild } from '../helpers/invariants.ts';
import { Scenario } from '../helpers/scenario.ts';

/** The default hold period (30 days) after a payment's date: when its earnings are approved. */
const afterHold = (paidAt: string) => new Date(Date.parse(paidAt) + 30 * 86_400_000).toISOString();

describeEachDatabase('payments and the money rules', (db) => {
  let s: Scenario;
  before(() => {
    const { app, config } = testApp(db());
    s = new Scenario(app, config);
  });

  it('pays the referring partner its commission, rounded half away from zero (199.99 at 12.50% → 25.00)', async () => {
    const partner = await s.partner({ commission_percent: '12.50' });
    const business = await s.referredBusiness(partner.id);
    const result = await s.pay(business.id, '199.99');
    assert.equal(result.payment.amount, '199.99');
    assert.deepEqual(result.earnings, [
      {
        channel: 'partner',
        beneficiary: { partner_id: partner.id, technical_partner_id: null, developer_id: null },
        rate_percent: '12.50',
        amount: '25.00',
        approves_at: afterHold(result.payment.paid_at),
      },
    ]);
    const impact = await s.get('/v1/partner/me/developer-impact', s.bearer(partner.token));
    assert.equal(impact.commissions.total, '25.00');
  });

  it('pays an active technical partner its revenue share on an attributed business (5% of 0.10 → 0.01)', async () => {
    const tp = await s.technicalPartner('active');
    const business = await s.business();
    const attribution = await s.attribute(business.id, tp.app.id);
    const result = await s.pay(business.id, '0.10');
    assert.deepEqual(result.earnings, [
      {
        channel: 'app',
        beneficiary: { partner_id: null, technical_partner_id: tp.id, developer_id: tp.developer.id },
        rate_percent: '5.00',
        amount: '0.01',
        approves_at: afterHold(result.payment.paid_at),
      },
    ]);
    const status = await s.get('/v1/developer/me/technical-partner', s.bearer(tp.developer.key));
    assert.equal(status.technical_partner.total_app_earnings, '0.01');
    const row = await db().knex('app_business_attributions').where({ id: attribution.id }).first();
    assert.equal(row.earnings_attributed, '0.01');
  });

  it('pays nothing on the app channel to a pending or suspended technical partner', async () => {
    for (const status of ['pending', 'suspended'] as const) {
      const tp = await s.technicalPartner(status);
      const business = await s.business();
      await s.attribute(business.id, tp.app.id);
      const result = await s.pay(business.id, '100.00');
      assert.deepEqual(result.earnings, [], `${status} earns nothing`);
      const row = await db().knex('technical_partners').where({ id: tp.id }).first();
      assert.equal(row.total_app_earnings, '0.00');
    }
  });

  it('pays both channels to a technical partner linked to a directory, and sums them', async () => {
    const partner = await s.partner({ commission_percent: '10.00' });
    const owner = await s.developer({ email: `owner-${randomUUID()}@dir.example` });
    const { link_code } = await s.post(
      '/v1/partner/me/technical-partner/apply',
      { email: owner.email, app_name: 'Directory App' },
      s.bearer(partner.token),
      202,
    );
    const applied = await s.post('/v1/developer/me/partner-link/confirm', { code: link_code }, s.bearer(owner.key), 201);
    const approved = await s.post(`/v1/admin/technical-partners/${applied.technical_partner.id}/approve`, {}, s.admin, 200);
    const key = approved.api_key.key as string;
    const app = await s.appOf(key, { name: 'Directory App' });
    const business = await s.referredBusiness(partner.id);
    await s.attribute(business.id, app.id);
    const result = await s.pay(business.id, '80.05');
    // 10% of 80.05 = 8.005 → 8.01; 5% of 80.05 = 4.0025 → 4.00
    assert.deepEqual(
      result.earnings.map((e: { channel: string; amount: string }) => [e.channel, e.amount]),
      [
        ['partner', '8.01'],
        ['app', '4.00'],
      ],
    );
    const impact = await s.get('/v1/partner/me/developer-impact', s.bearer(partner.token));
    assert.equal(impact.commissions.total, '8.01');
    assert.equal(impact.technical_partner.total_app_earnings, '4.00');
    assert.equal(impact.combined_earnings, '12.01');
  });

  it('a payment of a business with no referral and no attribution earns nothing but counts as revenue', async () => {
    const business = await s.business();
    const result = await s.pay(business.id, '42.00');
    assert.deepEqual(result.earnings, []);
  });

  it('a replay with the same Idempotency-Key returns the first result and changes nothing', async () => {
    const partner = await s.partner({ commission_percent: '15.00' });
    const business = await s.referredBusiness(partner.id);
    const key = randomUUID();
    const first = await s.pay(business.id, '33.33', key);
    const count = async () => (await db().knex('earnings_ledger').count({ n: '*' }).first())!.n;
    const before = { ledger: await count(), payments: (await db().knex('business_payments').count({ n: '*' }).first())!.n };
    const replay = await request(s.app)
      .post('/v1/events/payments')
      .set({ ...s.service, 'Idempotency-Key': key })
      .send({ business_id: business.id, amount: '33.33' });
    assert.equal(replay.status, 200);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.deepEqual({ ...replay.body, replayed: false }, first);
    assert.equal(replay.body.replayed, true);
    assert.equal(await count(), before.ledger);
    assert.equal((await db().knex('business_payments').count({ n: '*' }).first())!.n, before.payments);
    const partnerRow = await db().knex('directory_partners').where({ id: partner.id }).first();
    assert.equal(partnerRow.total_commission_earned, '5.00'); // 15% of 33.33 = 4.9995 → 5.00, once
  });

  it('refuses the same Idempotency-Key with a different body (422), and the same payment id under a new key', async () => {
    const business = await s.business();
    const key = randomUUID();
    const paymentId = randomUUID();
    await s.post('/v1/events/payments', { id: paymentId, business_id: business.id, amount: '10.00' }, { ...s.service, 'Idempotency-Key': key }, 201);
    const other = await s.post(
      '/v1/events/payments',
      { id: paymentId, business_id: business.id, amount: '11.00' },
      { ...s.service, 'Idempotency-Key': key },
      422,
    );
    assert.equal(other.error.code, 'idempotency_key_reused');
    const sameId = await s.post(
      '/v1/events/payments',
      { id: paymentId, business_id: business.id, amount: '10.00' },
      { ...s.service, 'Idempotency-Key': randomUUID() },
      422,
    );
    assert.equal(sameId.error.code, 'idempotency_key_reused');
  });

  it('names the bad field: amount as a number, too many decimals, missing Idempotency-Key, unknown business', async () => {
    const business = await s.business();
    const headers = { ...s.service, 'Idempotency-Key': randomUUID() };
    const asNumber = await s.post('/v1/events/payments', { business_id: business.id, amount: 12.5 }, headers, 400);
    assert.match(asNumber.error.message, /body\.amount: must be a decimal string/);
    const precise = await s.post('/v1/events/payments', { business_id: business.id, amount: '1.005' }, headers, 400);
    assert.match(precise.error.message, /body\.amount/);
    const negative = await s.post('/v1/events/payments', { business_id: business.id, amount: '-5.00' }, headers, 400);
    assert.match(negative.error.message, /body\.amount/);
    const noKey = await s.post('/v1/events/payments', { business_id: business.id, amount: '1.00' }, s.service, 400);
    assert.match(noKey.error.message, /headers\.idempotency-key/);
    const unknown = await s.post('/v1/events/payments', { business_id: randomUUID(), amount: '1.00' }, headers, 404);
    assert.equal(unknown.error.code, 'not_found');
    const extra = await s.post('/v1/events/payments', { business_id: business.id, amount: '1.00', currency: 'EUR' }, headers, 400);
    assert.match(extra.error.message, /currency/);
  });

  it('refuses a paid_at in the future, beyond five minutes of clock skew, and names the field', async () => {
    const business = await s.business();
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const future = await s.post(
      '/v1/events/payments',
      { business_id: business.id, amount: '1.00', paid_at: at(3_600_000) },
      { ...s.service, 'Idempotency-Key': randomUUID() },
      400,
    );
    assert.equal(future.error.message, 'Invalid request: body.paid_at: may not be in the future');
    assert.deepEqual(future.error.details, [{ location: 'body', field: 'paid_at', message: 'may not be in the future' }]);
    const malformed = await s.post(
      '/v1/events/payments',
      { business_id: business.id, amount: '1.00', paid_at: '2999-01-01' },
      { ...s.service, 'Idempotency-Key': randomUUID() },
      400,
    );
    assert.deepEqual(
      malformed.error.details.map((d: { message: string }) => d.message),
      ['Invalid ISO datetime'],
    );
    const skewed = await s.post(
      '/v1/events/payments',
      { business_id: business.id, amount: '1.00', paid_at: at(60_000) },
      { ...s.service, 'Idempotency-Key': randomUUID() },
      201,
    );
    assert.equal(skewed.payment.amount, '1.00');
  });

  it('refuses events without the admin or service token, and with a developer key', async () => {
    const business = await s.business();
    const body = { business_id: business.id, amount: '1.00' };
    const none = await request(s.app).post('/v1/events/payments').set('Idempotency-Key', randomUUID()).send(body);
    assert.equal(none.status, 401);
    assert.equal(none.headers['www-authenticate'], 'Bearer');
    const developer = await s.developer();
    const asDeveloper = await request(s.app)
      .post('/v1/events/payments')
      .set({ ...s.bearer(developer.key), 'Idempotency-Key': randomUUID() })
      .send(body);
    assert.equal(asDeveloper.status, 401);
    await s.post('/v1/events/payments', body, { ...s.admin, 'Idempotency-Key': randomUUID() }, 201); // the admin token works too
  });

  it('keeps the ledger equal to the running totals and the summaries equal to a rebuild', async () => {
    await assertLedgerMatchesTotals(db().knex);
    await assertSummariesMatchRebuild(db().knex);
  });
});
