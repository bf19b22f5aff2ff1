import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, it } from 'node:test';
import request from 'supertest';
import { readTotals } from '../../server/summaries/summaries.ts';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { assertLedgerMatchesTotals, assertSummariesMatchRebuild } from '../helpers/invariants.ts';
import { Scenario } from '../helpers/scenario.ts';

/**
 * Refunds and chargebacks (DESIGN §9). Every expectation below is computed by hand in cents:
 * a channel keeps earned − round(earned × refunded ÷ paid, 2) after each refund, half away from zero.
 */
describeEachDatabase('refunds and chargebacks', (db) => {
  let s: Scenario;
  before(() => {
    const { app, config } = testApp(db());
    s = new Scenario(app, config);
  });

  const refund = (body: Record<string, unknown>, key: string = randomUUID()) =>
    request(s.app)
      .post('/v1/events/refunds')
      .set({ ...s.service, 'Idempotency-Key': key })
      .send(body);

  /** A payment earning on both channels: a 7.50 % directory and an active Technical Partner at the default 5.00 %. */
  async function paymentOnBothChannels(amount: string) {
    const partner = await s.partner({ commission_percent: '7.50' });
    const tp = await s.technicalPartner('active');
    const business = await s.referredBusiness(partner.id);
    await s.attribute(business.id, tp.app.id);
    const paid = await s.pay(business.id, amount);
    return { partner, tp, business, paid };
  }

  const totalsOf = async (partnerId: string, technicalPartnerId: string) => ({
    partner: (await db().knex('directory_partners').where({ id: partnerId }).first('total_commission_earned')).total_commission_earned,
    app: (await db().knex('technical_partners').where({ id: technicalPartnerId }).first('total_app_earnings')).total_app_earnings,
  });

  it('three partial refunds reverse exactly the proportional share, and a full refund leaves zero', async () => {
    const { partner, tp, paid } = await paymentOnBothChannels('100.00');
    assert.deepEqual(
      paid.earnings.map((e: { amount: string }) => e.amount),
      ['7.50', '5.00'],
    );

    // 33.33 of 100.00: partner 7.50 × 0.3333 = 2.49975 → 2.50; app 5.00 × 0.3333 = 1.6665 → 1.67
    const first = await refund({ payment_id: paid.payment.id, amount: '33.33' });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.deepEqual(
      first.body.reversals.map((e: { channel: string; amount: string; rate_percent: string }) => [e.channel, e.amount, e.rate_percent]),
      [
        ['partner', '-2.50', '7.50'],
        ['app', '-1.67', '5.00'],
      ],
    );
    assert.deepEqual(first.body.payment, { id: paid.payment.id, amount: '100.00', refunded: '33.33', refundable: '66.67' });
    assert.deepEqual(await totalsOf(partner.id, tp.id), { partner: '5.00', app: '3.33' });

    // 66.66 refunded: partner keeps 7.50 − round(4.9995) = 2.50 (line −2.50); app keeps 5.00 − round(3.333) = 1.67 (line −1.66)
    const second = await refund({ payment_id: paid.payment.id, amount: '33.33', kind: 'chargeback' });
    assert.equal(second.status, 201);
    assert.equal(second.body.refund.kind, 'chargeback');
    assert.deepEqual(
      second.body.reversals.map((e: { amount: string }) => e.amount),
      ['-2.50', '-1.66'],
    );

    // no amount: the 33.34 left; both channels back to exactly zero
    const last = await refund({ payment_id: paid.payment.id });
    assert.equal(last.status, 201);
    assert.equal(last.body.refund.amount, '33.34');
    assert.deepEqual(
      last.body.reversals.map((e: { amount: string }) => e.amount),
      ['-2.50', '-1.67'],
    );
    assert.deepEqual(last.body.payment, { id: paid.payment.id, amount: '100.00', refunded: '100.00', refundable: '0.00' });
    assert.deepEqual(await totalsOf(partner.id, tp.id), { partner: '0.00', app: '0.00' });
    const attribution = await db().knex('app_business_attributions').where({ developer_id: tp.developer.id }).first('earnings_attributed');
    assert.equal(attribution.earnings_attributed, '0.00');

    const again = await refund({ payment_id: paid.payment.id, amount: '0.01' });
    assert.equal(again.status, 409);
    assert.match(again.body.error.message, /already refunded in full/);
    assert.deepEqual(again.body.error.details, { refunded: '100.00' });

    await assertLedgerMatchesTotals(db().knex);
    await assertSummariesMatchRebuild(db().knex);
  });

  it('never takes a payment’s lines below zero: a cent earned is reversed once', async () => {
    // 7.50 % of 0.10 = 0.0075 → 0.01; refunding 0.05 leaves 0.01 − round(0.005) = 0.00 (line −0.01)
    const partner = await s.partner({ commission_percent: '7.50' });
    const business = await s.referredBusiness(partner.id);
    const paid = await s.pay(business.id, '0.10');
    assert.equal(paid.earnings[0].amount, '0.01');
    const half = await refund({ payment_id: paid.payment.id, amount: '0.05' });
    assert.deepEqual(
      half.body.reversals.map((e: { amount: string }) => e.amount),
      ['-0.01'],
    );
    const rest = await refund({ payment_id: paid.payment.id, amount: '0.05' });
    assert.equal(rest.status, 201);
    assert.deepEqual(rest.body.reversals, [], 'nothing left to reverse');
    const { rows } = await db().knex.raw(`SELECT sum(amount)::text AS net FROM earnings_ledger WHERE payment_id = ?`, [paid.payment.id]);
    assert.equal(rows[0].net, '0.00');
  });

  it('a refund of a payment that earned nothing lowers the revenue figures only', async () => {
    const business = await s.business();
    const paid = await s.pay(business.id, '40.00');
    assert.deepEqual(paid.earnings, []);
    const before = (await readTotals(db().knex)).business_payments;
    const res = await refund({ payment_id: paid.payment.id, amount: '15.25' });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.reversals, []);
    const after = (await readTotals(db().knex)).business_payments;
    // exact decimal arithmetic on the totals: before − 15.25
    const cents = (v: string) =>
      BigInt(v.replace('.', '').replace(/^(-?)0+(?=\d)/, '$1')) * (v.includes('.') ? 10n ** BigInt(2 - v.split('.')[1]!.length) : 100n);
    assert.equal(cents(before) - cents(after), 1525n);
    await assertSummariesMatchRebuild(db().knex);
  });

  it('is idempotent per Idempotency-Key, and refuses a key reused for another refund', async () => {
    const { paid } = await paymentOnBothChannels('80.05');
    const key = randomUUID();
    const first = await refund({ payment_id: paid.payment.id, amount: '10.00' }, key);
    assert.equal(first.status, 201);
    const replay = await refund({ payment_id: paid.payment.id, amount: '10.00' }, key);
    assert.equal(replay.status, 200);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.deepEqual({ ...replay.body, replayed: false }, first.body);
    const reused = await refund({ payment_id: paid.payment.id, amount: '11.00' }, key);
    assert.equal(reused.status, 422);
    const count = await db().knex('payment_refunds').where({ payment_id: paid.payment.id }).count({ n: '*' }).first();
    assert.equal(Number(count?.n), 1);
  });

  it('refuses, naming the problem: more than is left, before the payment, an unknown payment, a bad amount', async () => {
    const { paid } = await paymentOnBothChannels('50.00');
    const tooMuch = await refund({ payment_id: paid.payment.id, amount: '50.01' });
    assert.equal(tooMuch.status, 409);
    assert.match(tooMuch.body.error.message, /body\.amount: 50\.01 is more than the 50\.00 left to refund/);
    assert.deepEqual(tooMuch.body.error.details, { refundable: '50.00' });
    const early = await refund({ payment_id: paid.payment.id, refunded_at: '2001-01-01T00:00:00Z' });
    assert.equal(early.status, 400);
    assert.match(early.body.error.message, /refunded_at: may not be before the payment/);
    const unknown = await refund({ payment_id: randomUUID() });
    assert.equal(unknown.status, 404);
    const negative = await refund({ payment_id: paid.payment.id, amount: '-5.00' });
    assert.equal(negative.status, 400);
    assert.match(JSON.stringify(negative.body), /amount/);
    const noKey = await request(s.app).post('/v1/events/refunds').set(s.service).send({ payment_id: paid.payment.id });
    assert.equal(noKey.status, 400);
    assert.match(JSON.stringify(noKey.body), /Idempotency-Key/i);
    // nothing written by any refusal
    const count = await db().knex('payment_refunds').where({ payment_id: paid.payment.id }).count({ n: '*' }).first();
    assert.equal(Number(count?.n), 0);
  });

  it('concurrent refunds of one payment never exceed it', async () => {
    const { paid } = await paymentOnBothChannels('90.00');
    const results = await Promise.all(Array.from({ length: 6 }, () => refund({ payment_id: paid.payment.id, amount: '20.00' })));
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 201, 201, 201, 409, 409]);
    const { rows } = await db().knex.raw(
      `SELECT (SELECT sum(amount) FROM payment_refunds WHERE payment_id = ?)::text AS refunded,
              (SELECT sum(amount) FROM earnings_ledger WHERE payment_id = ? AND channel = 'partner')::text AS partner_kept`,
      [paid.payment.id, paid.payment.id],
    );
    // 80.00 of 90.00 refunded: 6.75 − round(6.75 × 80 / 90 = 6.00) = 0.75
    assert.deepEqual(rows[0], { refunded: '80.00', partner_kept: '0.75' });
    await assertLedgerMatchesTotals(db().knex);
    await assertSummariesMatchRebuild(db().knex);
  });
});
