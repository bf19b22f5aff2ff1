import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import request from 'supertest';
import { testApp } from '../helpers/app.ts';
import { backdate } from '../helpers/backdate.ts';
import { MovableClock } from '../helpers/clock.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { assertLedgerMatchesTotals } from '../helpers/invariants.ts';
import { Scenario } from '../helpers/scenario.ts';

/**
 * One directory partner (10.00 % commission) and one Technical Partner (the 5.00 % default share)
 * through the second quarter of 2026: payments, a partial refund before payout, holds expiring, a
 * rate change mid-quarter, a payout run, a chargeback after payout, a fraud hold released, a closed
 * month. Every figure
 * is worked out by hand below, in cents, rounded half away from zero.
 *
 *   date   event                               partner (10 %, 7.50 % from 05-15)   app (5 %)
 *   04-02  payment 1: 1,000.00                  +100.00                             +50.00
 *   04-10  payment 2:   333.33                   +33.33   (33.333)                   +16.67  (16.6665)
 *   04-15  refund of payment 2: 111.11 (1/3)     −11.11   (33.33 / 3)                 −5.56  (16.67 / 3 = 5.5567)
 *   04-20  rate change: 7.50 % from 05-15
 *   05-10  payment 3:    80.05                    +8.01   (8.005, still 10 %)         +4.00  (4.0025)
 *   05-20  payment 4:    80.05                    +6.00   (6.00375 at 7.50 %)         +4.00
 *   05-20  payment 5:    33.33                    +2.50   (2.49975)                   +1.67  (1.6665)
 *   05-20  payment 6:     0.10                    +0.01   (0.0075)                    +0.01  (0.005)
 *   06-01  payout run: approved = 1 + 2 − refund  122.22 paid out                     61.11 paid out
 *   06-05  chargeback of payment 1 (all of it)  −100.00 (clawback)                   −50.00 (clawback)
 *   06-10  payment 7:   100.00                    +7.50   held (refund-share signal),    +5.00
 *                                                         then released to pending
 *   07-01  payout run: approved −100.00 + 16.52 = −83.48, −50.00 + 9.68 = −40.32: nothing paid
 */
describeEachDatabase('a quarter of money after the payment', (db) => {
  it('pays, refunds, holds, changes a rate, pays out, claws back and closes a month exactly as worked by hand', async () => {
    const clock = new MovableClock();
    const { app, config } = testApp(db(), {}, clock);
    const s = new Scenario(app, config);
    const partner = await s.partner({ commission_percent: '10.00' });
    const tp = await s.technicalPartner('active');
    const business = await s.referredBusiness(partner.id);
    await s.attribute(business.id, tp.app.id);
    await backdate(db().knex, '2026-03-01T00:00:00Z', { partnerId: partner.id, technicalPartnerId: tp.id, businessId: business.id });

    const pay = async (amount: string, paidAt: string) => {
      const res = await request(app)
        .post('/v1/events/payments')
        .set({ ...s.service, 'Idempotency-Key': randomUUID() })
        .send({ business_id: business.id, amount, paid_at: paidAt });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return {
        id: res.body.payment.id as string,
        lines: (res.body.earnings as { channel: string; amount: string }[]).map((e) => `${e.channel} ${e.amount}`).sort(),
      };
    };
    const refund = (body: Record<string, unknown>) =>
      request(app)
        .post('/v1/events/refunds')
        .set({ ...s.service, 'Idempotency-Key': randomUUID() })
        .send(body);
    const balances = async () => {
      const pick = (b: Record<string, unknown>) => [b.pending, b.on_hold, b.approved, b.in_payout, b.paid].join(' ');
      return {
        partner: pick(await s.get('/v1/partner/me/balances', s.bearer(partner.token))),
        app: pick(await s.get('/v1/developer/me/balances', s.bearer(tp.developer.key))),
      };
    };
    const run = async () => {
      const res = await request(app)
        .post('/v1/admin/payout-runs')
        .set({ ...s.admin, 'Idempotency-Key': randomUUID() })
        .send({});
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const payouts = (await s.get(`/v1/admin/payouts?run_id=${res.body.id}&limit=100`, s.admin)).payouts as {
        id: string;
        amount: string;
        line_count: number;
        beneficiary: { id: string };
      }[];
      return payouts.filter((p) => [partner.id, tp.developer.id].includes(p.beneficiary.id));
    };

    // April: two payments and a third of the second refunded, all within the hold
    clock.setTo('2026-04-02T12:00:00Z');
    const first = await pay('1000.00', '2026-04-02T12:00:00Z');
    assert.deepEqual(first.lines, ['app 50.00', 'partner 100.00']);
    clock.setTo('2026-04-10T12:00:00Z');
    const second = await pay('333.33', '2026-04-10T12:00:00Z');
    assert.deepEqual(second.lines, ['app 16.67', 'partner 33.33']);
    clock.setTo('2026-04-15T12:00:00Z');
    const partial = await refund({ payment_id: second.id, amount: '111.11', refunded_at: '2026-04-15T12:00:00Z' });
    assert.equal(partial.status, 201, JSON.stringify(partial.body));
    assert.deepEqual(partial.body.reversals.map((r: { channel: string; amount: string }) => `${r.channel} ${r.amount}`).sort(), [
      'app -5.56',
      'partner -11.11',
    ]);
    // pending (all), on hold, approved, in a payout, paid
    assert.deepEqual(await balances(), { partner: '122.22 0.00 0.00 0.00 0.00', app: '61.11 0.00 0.00 0.00 0.00' });

    // the partner's rate falls to 7.50 % from 15 May
    clock.setTo('2026-04-20T12:00:00Z');
    const change = await request(app)
      .post(`/v1/admin/partners/${partner.id}/rates`)
      .set(s.admin)
      .send({ commission_percent: '7.50', effective_from: '2026-05-15' });
    assert.equal(change.status, 201, JSON.stringify(change.body));

    // the first payment's hold ends 30 days after it: pending the minute before, approved after
    clock.setTo('2026-05-02T11:59:00Z');
    assert.deepEqual(await balances(), { partner: '122.22 0.00 0.00 0.00 0.00', app: '61.11 0.00 0.00 0.00 0.00' });
    clock.setTo('2026-05-02T12:01:00Z');
    assert.deepEqual(await balances(), { partner: '22.22 0.00 100.00 0.00 0.00', app: '11.11 0.00 50.00 0.00 0.00' });

    // May: one payment at the old rate, three at the new one
    clock.setTo('2026-05-10T12:00:00Z');
    assert.deepEqual((await pay('80.05', '2026-05-10T12:00:00Z')).lines, ['app 4.00', 'partner 8.01']);
    clock.setTo('2026-05-20T12:00:00Z');
    assert.deepEqual((await pay('80.05', '2026-05-20T12:00:00Z')).lines, ['app 4.00', 'partner 6.00']);
    assert.deepEqual((await pay('33.33', '2026-05-20T13:00:00Z')).lines, ['app 1.67', 'partner 2.50']);
    assert.deepEqual((await pay('0.10', '2026-05-20T14:00:00Z')).lines, ['app 0.01', 'partner 0.01']);

    // 1 June: the April lines are approved (the refund with its earning), May's are pending
    clock.setTo('2026-06-01T10:00:00Z');
    assert.deepEqual(await balances(), { partner: '16.52 0.00 122.22 0.00 0.00', app: '9.68 0.00 61.11 0.00 0.00' });
    const june = await run();
    assert.deepEqual(
      june.map((p) => [p.beneficiary.id, p.amount, p.line_count]).sort(),
      [
        [partner.id, '122.22', 3],
        [tp.developer.id, '61.11', 3],
      ].sort(),
    );
    for (const payout of june) await s.post(`/v1/admin/payouts/${payout.id}/mark-paid`, { reference: `TRF-${payout.amount}` }, s.admin, 200);
    assert.deepEqual(await balances(), { partner: '16.52 0.00 0.00 0.00 122.22', app: '9.68 0.00 0.00 0.00 61.11' });

    // 5 June: the first payment is charged back after it was paid out; the clawback is approved at once
    clock.setTo('2026-06-05T12:00:00Z');
    const chargeback = await refund({ payment_id: first.id, kind: 'chargeback', refunded_at: '2026-06-05T12:00:00Z' });
    assert.equal(chargeback.status, 201, JSON.stringify(chargeback.body));
    assert.equal(chargeback.body.refund.amount, '1000.00');
    assert.deepEqual(chargeback.body.reversals.map((r: { channel: string; amount: string }) => `${r.channel} ${r.amount}`).sort(), [
      'app -50.00',
      'partner -100.00',
    ]);
    assert.deepEqual(await balances(), { partner: '16.52 0.00 -100.00 0.00 122.22', app: '9.68 0.00 -50.00 0.00 61.11' });

    // April is closed: nothing more may be dated in it
    assert.equal((await request(app).post('/v1/admin/closed-months').set(s.admin).send({ month: '2026-04' })).status, 201);
    const late = await request(app)
      .post('/v1/events/payments')
      .set({ ...s.service, 'Idempotency-Key': randomUUID() })
      .send({ business_id: business.id, amount: '10.00', paid_at: '2026-04-25T12:00:00Z' });
    assert.equal(late.status, 409, JSON.stringify(late.body));
    const lateRefund = await refund({ payment_id: second.id, amount: '1.00', refunded_at: '2026-04-20T12:00:00Z' });
    assert.equal(lateRefund.status, 409, JSON.stringify(lateRefund.body));

    // 1,111.11 of 1,526.86 refunded in 90 days (72.8 %, over 25 %, six payments): a refund-share
    // signal is open, so the partner's next commission is held (not its app earnings); released, it is pending
    const [signal] = (await s.get('/v1/admin/fraud-signals?state=open', s.admin)).fraud_signals.filter(
      (x: { beneficiary: { id: string } }) => x.beneficiary.id === partner.id,
    );
    assert.equal(signal.kind, 'refund_share');
    assert.deepEqual([signal.evidence.payments, signal.evidence.referred_revenue, signal.evidence.refunded], [6, '1526.86', '1111.11']);
    clock.setTo('2026-06-10T12:00:00Z');
    assert.deepEqual((await pay('100.00', '2026-06-10T12:00:00Z')).lines, ['app 5.00', 'partner 7.50']);
    // payment 3's hold ended on 9 June: approved −100.00 + 8.01 = −91.99 and −50.00 + 4.00 = −46.00
    assert.deepEqual(await balances(), { partner: '8.51 7.50 -91.99 0.00 122.22', app: '10.68 0.00 -46.00 0.00 61.11' });
    await s.post(`/v1/admin/fraud-signals/${signal.id}/release`, {}, s.admin, 200);
    assert.deepEqual(await balances(), { partner: '16.01 0.00 -91.99 0.00 122.22', app: '10.68 0.00 -46.00 0.00 61.11' });

    // 1 July: May's lines are approved, but the clawbacks outweigh them: nothing is paid, all carried over
    clock.setTo('2026-07-01T10:00:00Z');
    assert.deepEqual(await balances(), { partner: '7.50 0.00 -83.48 0.00 122.22', app: '5.00 0.00 -40.32 0.00 61.11' });
    assert.deepEqual(await run(), []);
    await assertLedgerMatchesTotals(db().knex);
  });
});
