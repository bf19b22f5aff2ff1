import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import request from 'supertest';
import type { Config } from '../../server/config.ts';
import { median, selfReferral } from '../../server/resources/fraud/fraud.service.ts';
import { testApp } from '../helpers/app.ts';
import { MovableClock } from '../helpers/clock.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { assertLedgerMatchesTotals } from '../helpers/invariants.ts';
import { Scenario } from '../helpers/scenario.ts';

/**
 * Fraud holds (DESIGN §9): each signal, the holds it puts on new earnings, and the admin's
 * release, void and suspend. Expectations are worked out by hand in whole cents.
 */

describe('fraud signal rules', () => {
  it('a business is the partner’s own by the same email, or by the partner’s domain (never a public mail provider’s)', () => {
    assert.deepEqual(selfReferral('Boss@Acme-Dir.test', 'boss@acme-dir.test', null), { matched: 'email', domain: 'acme-dir.test' });
    assert.deepEqual(selfReferral('owner@acme-dir.test', null, 'https://www.acme-dir.test/listings'), { matched: 'domain', domain: 'acme-dir.test' });
    assert.deepEqual(selfReferral('owner@acme-dir.test', 'team@acme-dir.test', null), { matched: 'domain', domain: 'acme-dir.test' });
    assert.deepEqual(selfReferral('same@gmail.com', 'same@gmail.com', null), { matched: 'email', domain: 'gmail.com' });
    assert.equal(selfReferral('someone@gmail.com', 'other@gmail.com', 'https://gmail.com'), null);
    assert.equal(selfReferral('owner@bakery.test', 'team@acme-dir.test', 'https://acme-dir.test'), null);
    assert.equal(selfReferral(null, 'team@acme-dir.test', 'https://acme-dir.test'), null);
  });
  it('the median of daily counts takes the mean of the middle two', () => {
    assert.equal(median([0, 0, 1, 5, 1, 1, 2]), 1);
    assert.equal(median([1, 2, 3, 10]), 2.5);
  });
});

describeEachDatabase('fraud holds', (db, dialect) => {
  let s: Scenario;
  let clock: MovableClock;
  const setUp = (overrides: Partial<Config> = {}) => {
    clock = new MovableClock();
    const { app, config } = testApp(db(), overrides, clock);
    s = new Scenario(app, config);
  };
  beforeEach(() => setUp());

  const zero = { pending: '0.00', on_hold: '0.00', approved: '0.00', in_payout: '0.00', paid: '0.00' };
  const figures = (b: Record<string, unknown>) => ({ pending: b.pending, on_hold: b.on_hold, approved: b.approved, in_payout: b.in_payout, paid: b.paid });
  const partnerBalances = async (token: string) => figures(await s.get('/v1/partner/me/balances', s.bearer(token)));
  const signalsOf = async (partnerId: string, state?: string) =>
    ((await s.get(`/v1/admin/fraud-signals?limit=200${state ? `&state=${state}` : ''}`, s.admin)).fraud_signals as Signal[]).filter(
      (x) => x.beneficiary.id === partnerId,
    );
  const decide = (id: string, action: string) => request(s.app).post(`/v1/admin/fraud-signals/${id}/${action}`).set(s.admin).send();
  const refund = (paymentId: string, amount: string) =>
    s.post('/v1/events/refunds', { payment_id: paymentId, amount }, { ...s.service, 'Idempotency-Key': randomUUID() }, 201);
  const run = () =>
    request(s.app)
      .post('/v1/admin/payout-runs')
      .set({ ...s.admin, 'Idempotency-Key': randomUUID() })
      .send({});
  const totalOf = async (partnerId: string) =>
    (await db().knex('directory_partners').where({ id: partnerId }).first(db().knex.raw('total_commission_earned::text AS t'))).t as string;
  type Signal = {
    id: string;
    kind: string;
    state: string;
    resolution: string | null;
    resolved_by: string | null;
    evidence: Record<string, unknown>;
    beneficiary: { kind: string; id: string; name: string; status: string | null };
    held: { lines: number; amount: string };
  };

  /** A partner whose own domain is acme-…test, and a business of that domain it referred. */
  async function selfReferred(commission = '10.00') {
    const domain = `acme-${randomUUID().slice(0, 8)}.test`;
    const partner = await s.partner({ commission_percent: commission, site_url: `https://www.${domain}`, contact_email: `team@${domain}` });
    const own = await s.referredBusiness(partner.id, { contact_email: `owner@${domain}` });
    return { partner, own, domain };
  }

  it('a business of the partner’s own domain opens a signal, and the partner’s new earnings are held; its app earnings are not', async () => {
    const { partner, own, domain } = await selfReferred();
    const tp = await s.technicalPartner('active');
    await s.attribute(own.id, tp.app.id);
    const other = await s.referredBusiness(partner.id); // private-owner@secret.example: not the partner's
    assert.deepEqual(await signalsOf(partner.id), [], 'referring is not a signal; earning is screened');

    const paid = await s.pay(own.id, '200.00'); // 10 %: 20.00 to the partner, 5 %: 10.00 to the app
    await s.pay(other.id, '55.55'); // 5.555 → 5.56, held too: a new earning of the same partner
    const [signal] = await signalsOf(partner.id);
    assert.equal(signal?.kind, 'self_referral');
    assert.equal(signal.state, 'open');
    assert.deepEqual(signal.evidence, { business_id: own.id, payment_id: paid.payment.id, matched: 'domain', domain });
    assert.deepEqual(signal.held, { lines: 2, amount: '25.56' });
    assert.deepEqual(await partnerBalances(partner.token), { ...zero, on_hold: '25.56' });
    const developer = figures(await s.get('/v1/developer/me/balances', s.bearer(tp.developer.key)));
    assert.deepEqual(developer, { ...zero, pending: '10.00' }, 'app earnings on one’s own referred business are the Technical Partner tier, not a signal');
    assert.equal((await s.get('/v1/admin/fraud-signals?limit=200', s.admin)).fraud_signals.filter((x: Signal) => x.beneficiary.kind === 'developer').length, 0);

    await s.pay(own.id, '10.00'); // the same business again: still one signal (one per business)
    assert.equal((await signalsOf(partner.id)).length, 1);
  });

  it('payout runs never include held earnings; released, they are pending or approved by their hold period and paid', async () => {
    const { partner, own } = await selfReferred('20.00');
    await s.pay(own.id, '500.00'); // 100.00 held
    clock.advanceDays(31);
    await s.pay(own.id, '100.00'); // 20.00 held, its hold period running from now
    assert.deepEqual(await partnerBalances(partner.token), { ...zero, on_hold: '120.00' });
    const before = await run();
    assert.equal(before.status, 201);
    const locked = await db()
      .knex('payout_lines as pl')
      .join('earnings_ledger as l', 'l.id', 'pl.ledger_id')
      .where('l.partner_id', partner.id)
      .count({ n: '*' });
    assert.equal(Number(locked[0]!.n), 0, 'no held line is locked into a payout');

    const [signal] = await signalsOf(partner.id);
    const released = await decide(signal!.id, 'release');
    assert.equal(released.status, 200);
    assert.equal(released.body.fraud_signal.state, 'released');
    assert.equal(released.body.fraud_signal.resolved_by, 'admin');
    assert.deepEqual(released.body.voided, []);
    assert.deepEqual(await partnerBalances(partner.token), { ...zero, pending: '20.00', approved: '100.00' });
    const after = await run();
    const payouts = (await s.get(`/v1/admin/payouts?run_id=${after.body.id}`, s.admin)).payouts as { amount: string; beneficiary: { id: string } }[];
    assert.deepEqual(
      payouts.filter((p) => p.beneficiary.id === partner.id).map((p) => p.amount),
      ['100.00'],
    );
    await s.pay(own.id, '10.00'); // released for this business: it opens no new signal, the earning is pending
    assert.deepEqual(await partnerBalances(partner.token), { ...zero, pending: '22.00', in_payout: '100.00' });
  });

  it('void reverses each held earning to exactly zero with negative lines, totals falling at once, idempotently', async () => {
    const { partner, own } = await selfReferred();
    const first = await s.pay(own.id, '123.45'); // 12.345 → 12.35
    const second = await s.pay(own.id, '80.00'); // 8.00
    // a partial refund of the first while held: keeps 12.35 − round(12.35 × 23.45 / 123.45, 2) = 12.35 − 2.35 = 10.00
    await refund(first.payment.id, '23.45');
    assert.equal(await totalOf(partner.id), '18.00');
    assert.deepEqual(await partnerBalances(partner.token), { ...zero, on_hold: '18.00' });
    const [signal] = await signalsOf(partner.id);

    const voided = await decide(signal!.id, 'void');
    assert.equal(voided.status, 200);
    assert.equal(voided.body.fraud_signal.state, 'voided');
    assert.equal(voided.body.replayed, false);
    assert.deepEqual(voided.body.fraud_signal.held, { lines: 2, amount: '0.00' });
    const expected = [
      { payment_id: first.payment.id, amount: '-10.00' },
      { payment_id: second.payment.id, amount: '-8.00' },
    ].sort((a, b) => a.payment_id.localeCompare(b.payment_id));
    assert.deepEqual(voided.body.voided, expected);
    assert.equal(await totalOf(partner.id), '0.00');
    assert.deepEqual(await partnerBalances(partner.token), zero);
    await assertLedgerMatchesTotals(db().knex);

    const again = await decide(signal!.id, 'void');
    assert.equal(again.status, 200);
    assert.equal(again.body.replayed, true);
    assert.deepEqual(again.body.voided, expected, 'nothing more is written');
    for (const other of ['release', 'suspend']) {
      const refused = await decide(signal!.id, other);
      assert.equal(refused.status, 409, other);
      assert.equal(refused.body.error.code, 'invalid_transition');
    }
    // a later refund of a voided earning reverses nothing more: it is at zero
    const late = await refund(second.payment.id, '80.00');
    assert.deepEqual(late.reversals, []);
    assert.equal(await totalOf(partner.id), '0.00');
    await assertLedgerMatchesTotals(db().knex);
    assert.equal((await decide(randomUUID(), 'void')).status, 404);
  });

  it('release twice answers the first; void after a release is refused', async () => {
    const { partner, own } = await selfReferred();
    await s.pay(own.id, '30.00'); // 3.00
    const [signal] = await signalsOf(partner.id);
    assert.equal((await decide(signal!.id, 'release')).body.replayed, false);
    const again = await decide(signal!.id, 'release');
    assert.equal(again.status, 200);
    assert.equal(again.body.replayed, true);
    assert.equal((await decide(signal!.id, 'void')).status, 409);
    assert.deepEqual(await partnerBalances(partner.token), { ...zero, pending: '3.00' });
    assert.equal((await signalsOf(partner.id, 'open')).length, 0);
    assert.equal((await signalsOf(partner.id, 'released')).length, 1);
  });

  it('suspend voids what the signal held and suspends the partner: no commission on new payments', async () => {
    const { partner, own } = await selfReferred('15.00');
    await s.pay(own.id, '99.99'); // 14.9985 → 15.00
    const [signal] = await signalsOf(partner.id);
    const suspended = await decide(signal!.id, 'suspend');
    assert.equal(suspended.status, 200);
    assert.equal(suspended.body.fraud_signal.resolution, 'suspend');
    assert.equal(suspended.body.fraud_signal.beneficiary.status, 'suspended');
    assert.deepEqual(
      suspended.body.voided.map((v: { amount: string }) => v.amount),
      ['-15.00'],
    );
    const later = await s.pay(own.id, '100.00');
    assert.deepEqual(
      later.earnings.filter((e: { channel: string }) => e.channel === 'partner'),
      [],
    );
    assert.equal(await totalOf(partner.id), '0.00');
    assert.equal((await decide(signal!.id, 'suspend')).body.replayed, true);
    assert.equal((await decide(signal!.id, 'void')).status, 409);
    await s.get('/v1/partner/me/balances', s.bearer(partner.token)); // a suspended partner still reads its own
    await assertLedgerMatchesTotals(db().knex);
  });

  it('refunds above 25 % of a partner’s referred revenue (at least 5 payments in 90 days) open a signal', async () => {
    const partner = await s.partner({ commission_percent: '10.00' });
    const business = await s.referredBusiness(partner.id);
    const payments = [];
    for (let i = 0; i < 4; i++) payments.push((await s.pay(business.id, '100.00')).payment.id);
    await refund(payments[0]!, '100.00');
    await refund(payments[1]!, '100.00'); // 200.00 of 400.00 refunded, but 4 payments: too few to judge
    assert.deepEqual(await signalsOf(partner.id), []);
    payments.push((await s.pay(business.id, '300.00')).payment.id); // 200.00 of 700.00: 0.2857…
    payments.push((await s.pay(business.id, '100.00')).payment.id); // 200.00 of 800.00: exactly 0.25, not above
    await refund(payments[2]!, '0.01'); // 200.01 of 800.00: 0.2500125 — above
    const [signal] = await signalsOf(partner.id);
    assert.equal(signal?.kind, 'refund_share');
    assert.deepEqual(signal.evidence, {
      window_days: 90,
      payments: 6,
      referred_revenue: '800.00',
      refunded: '200.01',
      share: '0.2500',
      threshold: '0.25',
      minimum_payments: 5,
    });
    await refund(payments[3]!, '50.00'); // still above: the open signal covers it, no second one
    assert.equal((await signalsOf(partner.id)).length, 1);
    await s.pay(business.id, '40.00'); // new earning: 4.00, held
    const balances = await partnerBalances(partner.token);
    assert.equal(balances.on_hold, '4.00');
  });

  it('a day’s conversions above 3 × the trailing 7-day median and at least 4 open a burst signal (thresholds configured)', async () => {
    setUp({ FRAUD_BURST_FACTOR: 3, FRAUD_BURST_MIN_CONVERSIONS: 4, FRAUD_BURST_BASELINE_DAYS: 7 });
    const partner = await s.partner({ commission_percent: '10.00' });
    const noon = new Date(`${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)}T12:00:00Z`); // yesterday, 12:00 UTC
    const at = (daysBefore: number, minute = 0) => new Date(noon.getTime() - daysBefore * 86_400_000 + minute * 60_000).toISOString();
    const convert = async (convertedAt: string) => {
      const business = await s.business();
      await s.post('/v1/events/referrals', { partner_id: partner.id, business_id: business.id }, s.service, 201);
      await s.post('/v1/events/conversions', { partner_id: partner.id, business_id: business.id, converted_at: convertedAt }, s.service, 200);
      return business;
    };
    // baseline: 1 a day on 5 of the 7 days before, none on 2: counts [1,1,0,1,0,1,1], median 1
    for (const day of [7, 6, 4, 2, 1]) await convert(at(day));
    let last = await convert(at(0, 1));
    for (let i = 2; i <= 3; i++) last = await convert(at(0, i));
    assert.deepEqual(await signalsOf(partner.id), [], '3 is not above 3 × 1');
    last = await convert(at(0, 4));
    const [signal] = await signalsOf(partner.id);
    assert.equal(signal?.kind, 'conversion_burst');
    assert.deepEqual(signal.evidence, {
      day: noon.toISOString().slice(0, 10),
      conversions: 4,
      baseline_days: 7,
      baseline_median: 1,
      factor: 3,
      minimum_conversions: 4,
    });
    await s.pay(last.id, '25.00'); // 2.50, held
    assert.deepEqual(await partnerBalances(partner.token), { ...zero, on_hold: '2.50' });
  });

  it('the admin hub’s embed session decides with the fraud_signals:review scope only, and is named as the decider', async () => {
    const act = (page: Record<string, string>, id: string) => request(s.app).post(`/v1/admin/fraud-signals/${id}/release`).set(page);
    const { partner, own: business } = await selfReferred();
    await s.pay(business.id, '10.00');
    const [signal] = await signalsOf(partner.id);
    const readOnly = await act(await s.adminPage([]), signal!.id);
    assert.equal(readOnly.status, 403);
    assert.match(readOnly.body.error.message, /fraud_signals:review/);
    const released = await act(await s.adminPage(['fraud_signals:review']), signal!.id);
    assert.equal(released.status, 200);
    assert.match(released.body.fraud_signal.resolved_by, /^embed-session:[0-9a-f-]{36}$/);
  });

  if (dialect === 'postgres') {
    it('a release and a void racing on one signal: exactly one wins, the other is refused', async () => {
      for (let round = 0; round < 5; round++) {
        const { partner, own } = await selfReferred();
        await s.pay(own.id, '70.00'); // 7.00
        const [signal] = await signalsOf(partner.id);
        const [a, b] = await Promise.all([decide(signal!.id, 'release'), decide(signal!.id, 'void')]);
        assert.deepEqual([a.status, b.status].sort(), [200, 409]);
        const winner = a.status === 200 ? 'release' : 'void';
        const voidLines = await db().knex('earnings_ledger').where({ void_signal_id: signal!.id }).select(db().knex.raw('amount::text AS amount'));
        assert.deepEqual(
          voidLines.map((l: { amount: string }) => l.amount),
          winner === 'void' ? ['-7.00'] : [],
        );
        assert.deepEqual(await partnerBalances(partner.token), winner === 'void' ? zero : { ...zero, pending: '7.00' });
      }
      await assertLedgerMatchesTotals(db().knex);
    });
  }
});
