import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import request from 'supertest';
import { nextPayoutDate } from '../../server/resources/payouts/payouts.service.ts';
import { testApp } from '../helpers/app.ts';
import { MovableClock } from '../helpers/clock.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { assertLedgerMatchesTotals } from '../helpers/invariants.ts';
import { Scenario } from '../helpers/scenario.ts';

/**
 * Money after the payment (DESIGN §9): earnings pending for the hold period (30 days), then
 * approved; payout runs pay approved balances of at least 50.00; mark-paid; refunds of paid
 * earnings deducted from the next payout. Expectations are worked out in whole cents by hand.
 */

/** Whole cents of an exact decimal string, and back: the test's own arithmetic, never a float. */
const cents = (amount: string) => {
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const value = BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
  return amount.startsWith('-') ? -value : value;
};
const money = (value: bigint) => {
  const text = (value < 0n ? -value : value).toString().padStart(3, '0');
  return `${value < 0n ? '-' : ''}${text.slice(0, -2)}.${text.slice(-2)}`;
};
/** round(amount × percent / 100, 2), half away from zero, for positive amounts in cents and percent in hundredths. */
const share = (amountCents: bigint, percentHundredths: bigint) => (amountCents * percentHundredths * 2n + 10_000n) / 20_000n;

describe('next payout date', () => {
  const at = (iso: string) => new Date(iso);
  it('is this month’s payout day while it is ahead, else next month’s', () => {
    assert.equal(nextPayoutDate(at('2026-12-03T10:00:00Z'), 15, undefined).toISOString(), '2026-12-15T00:00:00.000Z');
    assert.equal(nextPayoutDate(at('2026-12-16T10:00:00Z'), 15, undefined).toISOString(), '2027-01-15T00:00:00.000Z');
    assert.equal(nextPayoutDate(at('2026-12-31T23:59:59Z'), 1, undefined).toISOString(), '2027-01-01T00:00:00.000Z');
  });
  it('is today until today’s run is made', () => {
    const now = at('2026-12-15T18:00:00Z');
    assert.equal(nextPayoutDate(now, 15, at('2026-11-15T09:00:00Z')).toISOString(), '2026-12-15T00:00:00.000Z');
    assert.equal(nextPayoutDate(now, 15, at('2026-12-15T09:00:00Z')).toISOString(), '2027-01-15T00:00:00.000Z');
  });
});

describeEachDatabase('earning states and payouts', (db) => {
  // each test its own clock (and app): payments are dated now, and each test moves time from there
  let s: Scenario;
  let clock: MovableClock;
  beforeEach(() => {
    clock = new MovableClock();
    const { app, config } = testApp(db(), {}, clock);
    s = new Scenario(app, config);
  });

  const run = (key: string = randomUUID()) =>
    request(s.app)
      .post('/v1/admin/payout-runs')
      .set({ ...s.admin, 'Idempotency-Key': key })
      .send({});
  const refund = (paymentId: string, amount: string) =>
    s.post('/v1/events/refunds', { payment_id: paymentId, amount }, { ...s.service, 'Idempotency-Key': randomUUID() }, 201);
  const partnerBalances = (token: string) => s.get('/v1/partner/me/balances', s.bearer(token));
  const developerBalances = (key: string) => s.get('/v1/developer/me/balances', s.bearer(key));
  const figures = (b: Record<string, unknown>) => ({ pending: b.pending, on_hold: b.on_hold, approved: b.approved, in_payout: b.in_payout, paid: b.paid });
  const payoutsOf = async (runId: string) => (await s.get(`/v1/admin/payouts?run_id=${runId}&limit=100`, s.admin)).payouts as Payout[];
  type Payout = { id: string; amount: string; status: string; line_count: number; beneficiary: { kind: string; id: string; name: string } };

  it('an earning is pending for the hold period, then approved, on both channels', async () => {
    const partner = await s.partner({ commission_percent: '10.00' });
    const tp = await s.technicalPartner('active');
    const business = await s.referredBusiness(partner.id);
    await s.attribute(business.id, tp.app.id);
    await s.pay(business.id, '123.45');
    const commission = money(share(cents('123.45'), 1000n)); // 12.345 → 12.35
    const revenueShare = money(share(cents('123.45'), 500n)); // 6.1725 → 6.17
    assert.deepEqual([commission, revenueShare], ['12.35', '6.17']);

    const zero = { pending: '0.00', on_hold: '0.00', approved: '0.00', in_payout: '0.00', paid: '0.00' };
    const balances = await partnerBalances(partner.token);
    assert.deepEqual(figures(balances), { ...zero, pending: commission });
    assert.equal(balances.hold_period_days, 30);
    assert.equal(balances.minimum_payout, '50.00');
    assert.match(balances.next_payout.date, /^\d{4}-\d{2}-01$/);
    assert.deepEqual(figures(await developerBalances(tp.developer.key)), { ...zero, pending: revenueShare });

    clock.advanceDays(29);
    assert.deepEqual(figures(await partnerBalances(partner.token)), { ...zero, pending: commission }, 'still pending after 29 days');
    clock.advanceDays(1.01);
    const approved = await partnerBalances(partner.token);
    assert.deepEqual(figures(approved), { ...zero, approved: commission }, 'approved once 30 days have passed');
    assert.deepEqual(approved.next_payout, { date: approved.next_payout.date, expected_amount: commission, meets_minimum: false });
    assert.deepEqual(figures(await developerBalances(tp.developer.key)), { ...zero, approved: revenueShare });
  });

  it('a held earning is neither approved nor paid, and its refund is held with it', async () => {
    const partner = await s.partner({ commission_percent: '20.00' });
    const business = await s.referredBusiness(partner.id);
    const paid = await s.pay(business.id, '500.00'); // 100.00
    const line = await db().knex('earnings_ledger').where({ payment_id: paid.payment.id }).first('id');
    await db().knex('earning_holds').insert({ ledger_id: line.id, reason: 'owner email matches the partner' });
    await refund(paid.payment.id, '100.00'); // −20.00
    clock.advanceDays(31);
    const zero = { pending: '0.00', on_hold: '0.00', approved: '0.00', in_payout: '0.00', paid: '0.00' };
    assert.deepEqual(figures(await partnerBalances(partner.token)), { ...zero, on_hold: '80.00' });
    const res = await run();
    assert.equal(res.status, 201);
    assert.deepEqual(
      (await payoutsOf(res.body.id)).filter((p) => p.beneficiary.id === partner.id),
      [],
    );
  });

  it('pays approved balances of at least the minimum, once per Idempotency-Key, and carries smaller ones over', async () => {
    // 10 % of 499.90, 500.00 and 600.00: 49.99 (one cent short), 50.00 (exactly the minimum), 60.00
    const [short, exact, over] = await Promise.all([s.partner(), s.partner(), s.partner()]);
    const businesses = new Map<string, string>();
    for (const [partner, amount] of [
      [short, '499.90'],
      [exact, '500.00'],
      [over, '600.00'],
    ] as const) {
      const business = await s.referredBusiness(partner.id);
      await s.pay(business.id, amount);
      businesses.set(partner.id, business.id);
    }
    const before = await run();
    assert.equal(before.status, 201);
    const ours = (list: Payout[]) => list.filter((p) => [short.id, exact.id, over.id].includes(p.beneficiary.id));
    assert.deepEqual(ours(await payoutsOf(before.body.id)), [], 'nothing is approved yet');

    clock.advanceDays(31);
    const key = randomUUID();
    const first = await run(key);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const paidOut = ours(await payoutsOf(first.body.id));
    assert.deepEqual(
      paidOut.map((p) => [p.beneficiary.id, p.beneficiary.kind, p.amount, p.status, p.line_count]).sort(),
      [
        [exact.id, 'partner', '50.00', 'scheduled', 1],
        [over.id, 'partner', '60.00', 'scheduled', 1],
      ].sort(),
    );
    assert.equal(paidOut.find((p) => p.beneficiary.id === exact.id)?.beneficiary.name, exact.directory_name);

    const replay = await run(key);
    assert.equal(replay.status, 200);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.deepEqual({ ...replay.body, replayed: false }, first.body);
    const second = await run();
    assert.equal(second.status, 201);
    assert.notEqual(second.body.id, first.body.id);
    assert.deepEqual(ours(await payoutsOf(second.body.id)), [], 'a second run pays nothing already in a payout');

    assert.deepEqual(figures(await partnerBalances(exact.token)), { pending: '0.00', on_hold: '0.00', approved: '0.00', in_payout: '50.00', paid: '0.00' });
    assert.deepEqual(figures(await partnerBalances(short.token)), { pending: '0.00', on_hold: '0.00', approved: '49.99', in_payout: '0.00', paid: '0.00' });

    // one more cent's worth for the short one (10 % of 0.10 = 0.01): 50.00 at the next run, over two lines
    await s.pay(businesses.get(short.id)!, '0.10');
    clock.advanceDays(31);
    const third = await run();
    assert.deepEqual(
      ours(await payoutsOf(third.body.id)).map((p) => [p.beneficiary.id, p.amount, p.line_count]),
      [[short.id, '50.00', 2]],
    );
    const [locked, other] = await db()
      .knex('payout_lines')
      .join('payouts', 'payouts.id', 'payout_lines.payout_id')
      .whereIn('payouts.partner_id', [exact.id, over.id])
      .select('ledger_id', 'payout_id')
      .orderBy('payouts.partner_id');
    await assert.rejects(
      db().knex('payout_lines').insert({ ledger_id: locked.ledger_id, payout_id: other.payout_id }),
      { code: '23505' },
      'a line is in one payout, ever',
    );
  });

  it('marks a payout paid once; the partner sees it paid in its history', async () => {
    const partner = await s.partner({ commission_percent: '12.50' });
    const business = await s.referredBusiness(partner.id);
    await s.pay(business.id, '1000.00'); // 125.00
    clock.advanceDays(31);
    const created = await run();
    const [payout] = (await payoutsOf(created.body.id)).filter((p) => p.beneficiary.id === partner.id);
    assert.equal(payout?.amount, '125.00');

    const scheduled = await s.get('/v1/admin/payouts?status=scheduled&limit=100', s.admin);
    assert.ok(scheduled.payouts.some((p: Payout) => p.id === payout!.id));
    const marked = await s.post(`/v1/admin/payouts/${payout!.id}/mark-paid`, { reference: 'TRF-2026-0042' }, s.admin, 200);
    assert.equal(marked.status, 'paid');
    assert.equal(marked.reference, 'TRF-2026-0042');
    assert.equal(marked.paid_at, marked.paid_at && new Date(marked.paid_at).toISOString());
    const again = await s.post(`/v1/admin/payouts/${payout!.id}/mark-paid`, {}, s.admin, 409);
    assert.match(again.error.message, /already marked paid/);

    const paidList = await s.get('/v1/admin/payouts?status=paid&limit=100', s.admin);
    assert.ok(paidList.payouts.some((p: Payout) => p.id === payout!.id));
    assert.ok(!(await s.get('/v1/admin/payouts?status=scheduled&limit=100', s.admin)).payouts.some((p: Payout) => p.id === payout!.id));
    assert.deepEqual(figures(await partnerBalances(partner.token)), { pending: '0.00', on_hold: '0.00', approved: '0.00', in_payout: '0.00', paid: '125.00' });
    const history = await s.get('/v1/partner/me/payouts', s.bearer(partner.token));
    assert.deepEqual(
      history.payouts.map((p: Payout) => [p.id, p.amount, p.status]),
      [[payout!.id, '125.00', 'paid']],
    );
    const runs = await s.get('/v1/admin/payout-runs?limit=100', s.admin);
    const listed = runs.payout_runs.find((r: { id: string }) => r.id === created.body.id);
    assert.ok(listed.paid >= 1 && listed.paid <= listed.payouts);
  });

  it('cancels a payout not yet paid: its earnings are approved again and the next run pays them; once only, never a paid one', async () => {
    const partner = await s.partner({ commission_percent: '12.50' });
    const business = await s.referredBusiness(partner.id);
    await s.pay(business.id, '480.10'); // 12.50 % = 60.0125 → 60.01
    await s.pay(business.id, '0.04'); // 12.50 % = 0.005 → 0.01
    clock.advanceDays(31);
    const first = await run();
    const [payout] = (await payoutsOf(first.body.id)).filter((p) => p.beneficiary.id === partner.id);
    assert.deepEqual([payout?.amount, payout?.line_count, payout?.status], ['60.02', 2, 'scheduled']);
    const zero = { pending: '0.00', on_hold: '0.00', approved: '0.00', in_payout: '0.00', paid: '0.00' };
    assert.deepEqual(figures(await partnerBalances(partner.token)), { ...zero, in_payout: '60.02' });

    const cancelled = await s.post(`/v1/admin/payouts/${payout!.id}/cancel`, { reason: 'bank details bounced' }, s.admin, 200);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.cancelled_at, new Date(cancelled.cancelled_at).toISOString());
    assert.deepEqual([cancelled.amount, cancelled.line_count, cancelled.paid_at], ['60.02', 2, null], 'what it held stays on record');
    assert.deepEqual(figures(await partnerBalances(partner.token)), { ...zero, approved: '60.02' });
    const again = await s.post(`/v1/admin/payouts/${payout!.id}/cancel`, {}, s.admin, 200);
    assert.deepEqual(again, cancelled, 'cancelling twice answers the first cancellation');
    const markCancelled = await s.post(`/v1/admin/payouts/${payout!.id}/mark-paid`, {}, s.admin, 409);
    assert.match(markCancelled.error.message, /was cancelled at/);
    const listed = await s.get('/v1/admin/payouts?status=cancelled&limit=100', s.admin);
    assert.ok(listed.payouts.some((p: Payout) => p.id === payout!.id));
    assert.ok(!(await s.get('/v1/admin/payouts?status=scheduled&limit=100', s.admin)).payouts.some((p: Payout) => p.id === payout!.id));
    const runs = await s.get('/v1/admin/payout-runs?limit=100', s.admin);
    assert.ok(runs.payout_runs.find((r: { id: string }) => r.id === first.body.id).cancelled >= 1, 'the run counts its cancelled payouts');

    const second = await run();
    const [repaid] = (await payoutsOf(second.body.id)).filter((p) => p.beneficiary.id === partner.id);
    assert.deepEqual([repaid?.amount, repaid?.line_count, repaid?.status], ['60.02', 2, 'scheduled'], 'the next run pays the same lines');
    await s.post(`/v1/admin/payouts/${repaid!.id}/mark-paid`, {}, s.admin, 200);
    const paidCancel = await s.post(`/v1/admin/payouts/${repaid!.id}/cancel`, {}, s.admin, 409);
    assert.match(paidCancel.error.message, /already marked paid/);
    assert.deepEqual(figures(await partnerBalances(partner.token)), { ...zero, paid: '60.02' });
    const history = await s.get('/v1/partner/me/payouts', s.bearer(partner.token));
    assert.deepEqual(
      history.payouts.map((p: Payout) => [p.id, p.amount, p.status]),
      [
        [repaid!.id, '60.02', 'paid'],
        [payout!.id, '60.02', 'cancelled'],
      ],
    );
    await s.post(`/v1/admin/payouts/${randomUUID()}/cancel`, {}, s.admin, 404);
    const extra = await s.post(`/v1/admin/payouts/${payout!.id}/cancel`, { amount: '1.00' }, s.admin, 400);
    assert.match(extra.error.message, /body/);
    await assertLedgerMatchesTotals(db().knex);
  });

  it('a refund after the payout leaves a negative balance, deducted from the next payout', async () => {
    const partner = await s.partner({ commission_percent: '10.00' });
    const business = await s.referredBusiness(partner.id);
    const paid = await s.pay(business.id, '1000.00'); // 100.00
    clock.advanceDays(31);
    const first = await run();
    const [payout] = (await payoutsOf(first.body.id)).filter((p) => p.beneficiary.id === partner.id);
    assert.equal(payout?.amount, '100.00');
    await s.post(`/v1/admin/payouts/${payout!.id}/mark-paid`, {}, s.admin, 200);

    // 300.00 of 1000.00 refunded: 100.00 − round(30.00) → a −30.00 line, approved at once (a clawback)
    await refund(paid.payment.id, '300.00');
    const clawback = money(-share(cents('300.00'), 1000n));
    assert.equal(clawback, '-30.00');
    assert.deepEqual(figures(await partnerBalances(partner.token)), {
      pending: '0.00',
      on_hold: '0.00',
      approved: clawback,
      in_payout: '0.00',
      paid: '100.00',
    });
    const negative = await run();
    assert.deepEqual(
      (await payoutsOf(negative.body.id)).filter((p) => p.beneficiary.id === partner.id),
      [],
      'a negative balance is not paid',
    );
    const owed = await s.get('/v1/admin/balances?limit=500', s.admin);
    assert.deepEqual(
      owed.beneficiaries.find((b: { id: string }) => b.id === partner.id),
      {
        kind: 'partner',
        id: partner.id,
        name: partner.directory_name,
        pending: '0.00',
        on_hold: '0.00',
        approved: '-30.00',
        in_payout: '0.00',
        paid: '100.00',
      },
    );

    // a new 900.00 payment earns 90.00; the next payout is 90.00 − 30.00
    await s.pay(business.id, '900.00');
    clock.advanceDays(31);
    const next = await run();
    const [deducted] = (await payoutsOf(next.body.id)).filter((p) => p.beneficiary.id === partner.id);
    assert.equal(deducted?.amount, money(cents('90.00') + cents(clawback)));
    assert.equal(deducted?.line_count, 2);
    assert.deepEqual(figures(await partnerBalances(partner.token)), { pending: '0.00', on_hold: '0.00', approved: '0.00', in_payout: '60.00', paid: '100.00' });
    await assertLedgerMatchesTotals(db().knex);
  });

  it('a refund of a pending earning nets against it while pending', async () => {
    const partner = await s.partner({ commission_percent: '10.00' });
    const business = await s.referredBusiness(partner.id);
    const paid = await s.pay(business.id, '800.00'); // 80.00
    await refund(paid.payment.id, '400.00'); // −40.00, pending with its earning
    assert.deepEqual(figures(await partnerBalances(partner.token)), { pending: '40.00', on_hold: '0.00', approved: '0.00', in_payout: '0.00', paid: '0.00' });
    clock.advanceDays(31);
    assert.deepEqual(figures(await partnerBalances(partner.token)), { pending: '0.00', on_hold: '0.00', approved: '40.00', in_payout: '0.00', paid: '0.00' });
  });

  it('each partner and developer sees only its own balances and payouts; a linked Technical Partner is paid per channel', async () => {
    const partner = await s.partner({ commission_percent: '10.00' });
    const other = await s.partner({ commission_percent: '10.00' });
    const tp = await s.technicalPartner('active', { partner_id: partner.id });
    const business = await s.referredBusiness(partner.id);
    await s.attribute(business.id, tp.app.id);
    await s.pay(business.id, '1200.00'); // partner 120.00, developer (5 %) 60.00
    const otherBusiness = await s.referredBusiness(other.id);
    await s.pay(otherBusiness.id, '700.00'); // 70.00
    clock.advanceDays(31);
    const created = await run();
    const mine = (await payoutsOf(created.body.id)).filter((p) => [partner.id, other.id, tp.developer.id].includes(p.beneficiary.id));
    assert.deepEqual(
      mine.map((p) => [p.beneficiary.kind, p.beneficiary.id, p.amount]).sort(),
      [
        ['developer', tp.developer.id, '60.00'],
        ['partner', other.id, '70.00'],
        ['partner', partner.id, '120.00'],
      ].sort(),
    );

    assert.equal((await partnerBalances(partner.token)).in_payout, '120.00');
    assert.equal((await partnerBalances(other.token)).in_payout, '70.00');
    assert.equal((await developerBalances(tp.developer.key)).in_payout, '60.00');
    const partnerHistory = await s.get('/v1/partner/me/payouts', s.bearer(partner.token));
    assert.deepEqual(
      partnerHistory.payouts.map((p: Payout) => [p.beneficiary.id, p.amount]),
      [[partner.id, '120.00']],
    );
    const otherHistory = await s.get('/v1/partner/me/payouts', s.bearer(other.token));
    assert.deepEqual(
      otherHistory.payouts.map((p: Payout) => [p.beneficiary.id, p.amount]),
      [[other.id, '70.00']],
    );
    const developerHistory = await s.get('/v1/developer/me/payouts?status=scheduled', s.bearer(tp.developer.key));
    assert.deepEqual(
      developerHistory.payouts.map((p: Payout) => [p.beneficiary.id, p.amount]),
      [[tp.developer.id, '60.00']],
    );
    await s.get('/v1/admin/payouts', s.bearer(partner.token), 401);
    await s.get('/v1/admin/balances', s.bearer(tp.developer.key), 401);
  });

  it('refuses, naming the problem', async () => {
    const noKey = await request(s.app).post('/v1/admin/payout-runs').set(s.admin).send({});
    assert.equal(noKey.status, 400);
    assert.match(noKey.body.error.message, /idempotency-key/i);
    const extra = await request(s.app)
      .post('/v1/admin/payout-runs')
      .set({ ...s.admin, 'Idempotency-Key': randomUUID() })
      .send({ minimum: '1.00' });
    assert.equal(extra.status, 400);
    assert.match(extra.body.error.message, /body/);
    await s.post(`/v1/admin/payouts/${randomUUID()}/mark-paid`, {}, s.admin, 404);
    const badId = await s.post('/v1/admin/payouts/nope/mark-paid', {}, s.admin, 400);
    assert.match(badId.error.message, /params\.id/);
    const badStatus = await s.get('/v1/admin/payouts?status=refunded', s.admin, 400);
    assert.match(badStatus.error.message, /query\.status/);
    const badCursor = await s.get('/v1/admin/balances?cursor=abc', s.admin, 400);
    assert.match(badCursor.error.message, /query\.cursor/);
  });
});
