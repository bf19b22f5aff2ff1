import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { csvCell, csvRow } from '../../server/http/csv.ts';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { Scenario } from '../helpers/scenario.ts';

/**
 * Monthly statements and the ledger export (DESIGN §9). One partner (10.00 %) and one Technical
 * Partner (5.00 %) earn on one business through September to November 2026; every figure below
 * is worked out by hand, in cents, and compared as the exact string.
 *
 *   payment 1  2026-09-15  600.00  partner 60.00  app 30.00
 *   payment 2  2026-10-05  123.45  partner 12.35 (12.345)  app 6.17 (6.1725)
 *   refund     2026-10-20  23.45 of payment 2: partner −round(12.35 × 23.45 / 123.45) = −2.35 (2.3459…),
 *                          app −round(6.17 × 23.45 / 123.45) = −1.17 (1.1720…)
 *   chargeback 2026-10-25  50.00 of payment 1: partner −60.00 × 50/600 = −5.00, app −30.00 × 50/600 = −2.50
 *   payment 3  2026-11-02   80.00  partner 8.00  app 4.00
 *
 * The partner's lines sum to 73.00 (≥ the 50.00 minimum): a payout run pays it all, marked paid
 * now (reference TRF-1). The developer's sum to 36.50: below the minimum, they stay approved.
 */

describe('CSV cells', () => {
  it('quotes as RFC 4180 says and guards formulas, but never a plain decimal', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('=SUM(A1)'), "'=SUM(A1)");
    assert.equal(csvCell('+1 555'), "'+1 555");
    assert.equal(csvCell('-cmd'), "'-cmd");
    assert.equal(csvCell('@here'), "'@here");
    assert.equal(csvCell('\tx'), "'\tx");
    assert.equal(csvCell('=a,"b"'), `"'=a,""b"""`);
    assert.equal(csvCell('-12.50'), '-12.50');
    assert.equal(csvCell('0.00'), '0.00');
    assert.equal(csvCell(null), '');
    assert.equal(csvRow(['a', null, '-1.00']), 'a,,-1.00\r\n');
  });
});

describeEachDatabase('monthly statements', (db) => {
  let s: Scenario;
  let partner: { id: string; token: string; directory_name: string };
  let tp: { developer: { id: string; key: string }; app: { id: string; name: string } };
  let business: { id: string };
  const ids: Record<string, string> = {};
  const BUSINESS = '=Cafe "Zed", Austin';
  const thisMonth = new Date().toISOString().slice(0, 7);

  const pay = async (amount: string, paidAt: string) =>
    (await s.post('/v1/events/payments', { business_id: business.id, amount, paid_at: paidAt }, { ...s.service, 'Idempotency-Key': randomUUID() }, 201)).payment
      .id as string;
  const refund = async (paymentId: string, amount: string, kind: string, refundedAt: string) =>
    (
      await s.post(
        '/v1/events/refunds',
        { payment_id: paymentId, amount, kind, refunded_at: refundedAt },
        { ...s.service, 'Idempotency-Key': randomUUID() },
        201,
      )
    ).refund.id as string;

  before(async () => {
    const made = testApp(db());
    s = new Scenario(made.app, made.config);
    partner = await s.partner({ commission_percent: '10.00' });
    tp = await s.technicalPartner('active');
    business = await s.referredBusiness(partner.id, { business_name: BUSINESS });
    await s.attribute(business.id, tp.app.id);
    // the business registered, and the referral converted, before the payments of this story
    const longAgo = new Date('2026-01-01T00:00:00Z');
    await db().knex('businesses').where({ id: business.id }).update({ created_at: longAgo });
    await db().knex('partner_referrals').where({ referred_business_id: business.id }).update({ converted_at: longAgo });
    ids.p1 = await pay('600.00', '2026-09-15T10:00:00Z');
    ids.p2 = await pay('123.45', '2026-10-05T12:00:00Z');
    ids.r1 = await refund(ids.p2, '23.45', 'refund', '2026-10-20T09:00:00Z');
    ids.r2 = await refund(ids.p1, '50.00', 'chargeback', '2026-10-25T00:00:00Z');
    ids.p3 = await pay('80.00', '2026-11-02T08:00:00Z');
    const run = await s.post('/v1/admin/payout-runs', {}, { ...s.admin, 'Idempotency-Key': randomUUID() }, 201);
    const payouts = (await s.get(`/v1/admin/payouts?run_id=${run.id}`, s.admin)).payouts as { id: string; beneficiary: { id: string } }[];
    ids.payout = payouts.find((p) => p.beneficiary.id === partner.id)!.id;
    await s.post(`/v1/admin/payouts/${ids.payout}/mark-paid`, { reference: 'TRF-1' }, s.admin, 200);
  });

  const zero = { pending: '0.00', on_hold: '0.00', approved: '0.00', in_payout: '0.00', paid: '0.00' };
  const partnerLine = (date: string, kind: string, amount: string, payment: string, refundId: string | null = null) => ({
    date,
    kind,
    payment_id: payment,
    refund_id: refundId,
    payout_id: null,
    reference: null,
    business: { id: business.id, name: BUSINESS },
    app: null,
    channel: 'partner',
    state: 'paid',
    amount,
  });

  it('a partner’s month: opening balance, each line with its state, totals and closing balance', async () => {
    const september = await s.get('/v1/partner/me/statements/2026-09', s.bearer(partner.token));
    assert.equal(september.currency, 'USD');
    assert.deepEqual(september.account, { kind: 'partner', id: partner.id, name: partner.directory_name });
    assert.deepEqual(september.period, { from: '2026-09-01T00:00:00.000Z', to: '2026-10-01T00:00:00.000Z' });
    assert.equal(september.opening_balance, '0.00');
    assert.deepEqual(september.lines, [partnerLine('2026-09-15T10:00:00.000Z', 'earning', '60.00', ids.p1!)]);
    assert.deepEqual(september.totals, {
      earnings: '60.00',
      refunds: '0.00',
      chargebacks: '0.00',
      fraud_voids: '0.00',
      payouts: '0.00',
      by_state: { ...zero, paid: '60.00' },
    });
    assert.equal(september.closing_balance, '60.00');

    const october = await s.get('/v1/partner/me/statements/2026-10', s.bearer(partner.token));
    assert.equal(october.opening_balance, '60.00');
    assert.deepEqual(october.lines, [
      partnerLine('2026-10-05T12:00:00.000Z', 'earning', '12.35', ids.p2!),
      partnerLine('2026-10-20T09:00:00.000Z', 'refund_reversal', '-2.35', ids.p2!, ids.r1),
      partnerLine('2026-10-25T00:00:00.000Z', 'chargeback', '-5.00', ids.p1!, ids.r2),
    ]);
    // 12.35 − 2.35 − 5.00 = 5.00
    assert.deepEqual(october.totals, {
      earnings: '12.35',
      refunds: '-2.35',
      chargebacks: '-5.00',
      fraud_voids: '0.00',
      payouts: '0.00',
      by_state: { ...zero, paid: '5.00' },
    });
    assert.equal(october.closing_balance, '65.00');

    const november = await s.get('/v1/partner/me/statements/2026-11', s.bearer(partner.token));
    assert.deepEqual([november.opening_balance, november.lines.length, november.closing_balance], ['65.00', 1, '73.00']);

    // the payout, marked paid now, is a line of this month: 73.00 out, nothing owed
    const now = await s.get(`/v1/partner/me/statements/${thisMonth}`, s.bearer(partner.token));
    assert.equal(now.opening_balance, '73.00');
    assert.equal(now.lines.length, 1);
    assert.deepEqual(
      { ...now.lines[0], date: undefined },
      {
        date: undefined,
        kind: 'payout',
        payment_id: null,
        refund_id: null,
        payout_id: ids.payout,
        reference: 'TRF-1',
        business: null,
        app: null,
        channel: 'partner',
        state: 'paid',
        amount: '-73.00',
      },
    );
    assert.deepEqual(now.totals, { earnings: '0.00', refunds: '0.00', chargebacks: '0.00', fraud_voids: '0.00', payouts: '-73.00', by_state: zero });
    assert.equal(now.closing_balance, '0.00');
  });

  it('a developer’s month names the app; lines below the payout minimum stay approved', async () => {
    const october = await s.get('/v1/developer/me/statements/2026-10', s.bearer(tp.developer.key));
    assert.equal(october.opening_balance, '30.00');
    assert.deepEqual(
      october.lines.map((l: Record<string, unknown>) => [l.kind, l.amount, l.state, l.channel, l.app]),
      [
        ['earning', '6.17', 'approved', 'app', { id: tp.app.id, name: tp.app.name }],
        ['refund_reversal', '-1.17', 'approved', 'app', { id: tp.app.id, name: tp.app.name }],
        ['chargeback', '-2.50', 'approved', 'app', { id: tp.app.id, name: tp.app.name }],
      ],
    );
    // 6.17 − 1.17 − 2.50 = 2.50; 30.00 + 2.50 = 32.50
    assert.deepEqual(october.totals.by_state, { ...zero, approved: '2.50' });
    assert.equal(october.closing_balance, '32.50');
    const admin = await s.get(`/v1/admin/developers/${tp.developer.id}/statements/2026-11`, s.admin);
    assert.deepEqual([admin.opening_balance, admin.closing_balance, admin.currency], ['32.50', '36.50', 'USD']);
  });

  it('CSV: by format=csv or Accept, a header row, quoting, formula guard, decimals exactly as in SQL', async () => {
    const guarded = `"'=Cafe ""Zed"", Austin"`;
    const expected = [
      'date,kind,payment_id,refund_id,payout_id,reference,business_id,business,app_id,app,channel,state,amount,currency',
      '2026-10-01T00:00:00.000Z,opening_balance,,,,,,,,,,,60.00,USD',
      `2026-10-05T12:00:00.000Z,earning,${ids.p2},,,,${business.id},${guarded},,,partner,paid,12.35,USD`,
      `2026-10-20T09:00:00.000Z,refund_reversal,${ids.p2},${ids.r1},,,${business.id},${guarded},,,partner,paid,-2.35,USD`,
      `2026-10-25T00:00:00.000Z,chargeback,${ids.p1},${ids.r2},,,${business.id},${guarded},,,partner,paid,-5.00,USD`,
      '2026-11-01T00:00:00.000Z,total_earnings,,,,,,,,,,,12.35,USD',
      '2026-11-01T00:00:00.000Z,total_refunds,,,,,,,,,,,-2.35,USD',
      '2026-11-01T00:00:00.000Z,total_chargebacks,,,,,,,,,,,-5.00,USD',
      '2026-11-01T00:00:00.000Z,total_fraud_voids,,,,,,,,,,,0.00,USD',
      '2026-11-01T00:00:00.000Z,total_payouts,,,,,,,,,,,0.00,USD',
      '2026-11-01T00:00:00.000Z,total,,,,,,,,,,pending,0.00,USD',
      '2026-11-01T00:00:00.000Z,total,,,,,,,,,,on_hold,0.00,USD',
      '2026-11-01T00:00:00.000Z,total,,,,,,,,,,approved,0.00,USD',
      '2026-11-01T00:00:00.000Z,total,,,,,,,,,,in_payout,0.00,USD',
      '2026-11-01T00:00:00.000Z,total,,,,,,,,,,paid,5.00,USD',
      '2026-11-01T00:00:00.000Z,closing_balance,,,,,,,,,,,65.00,USD',
      '',
    ].join('\r\n');
    const byAccept = await request(s.app)
      .get('/v1/partner/me/statements/2026-10')
      .set({ ...s.bearer(partner.token), Accept: 'text/csv' });
    assert.equal(byAccept.status, 200);
    assert.match(byAccept.headers['content-type']!, /^text\/csv; charset=utf-8/);
    assert.match(byAccept.headers['content-disposition']!, new RegExp(`attachment; filename="statement-partner-${partner.id}-2026-10.csv"`));
    assert.equal(byAccept.text, expected);
    const byFormat = await request(s.app).get(`/v1/admin/partners/${partner.id}/statements/2026-10?format=csv`).set(s.admin);
    assert.equal(byFormat.text, expected);
    // format wins over Accept
    const json = await request(s.app)
      .get('/v1/partner/me/statements/2026-10?format=json')
      .set({ ...s.bearer(partner.token), Accept: 'text/csv' });
    assert.match(json.headers['content-type']!, /application\/json/);
  });

  it('refuses a malformed or future month naming params.month, a bad format naming query.format, an unknown account 404', async () => {
    for (const month of ['2026-13', '2026-1', 'november', '0000-01']) {
      const res = await s.get(`/v1/partner/me/statements/${month}`, s.bearer(partner.token), 400);
      assert.match(res.error.message, /params\.month/);
    }
    const future = await s.get('/v1/partner/me/statements/2999-01', s.bearer(partner.token), 400);
    assert.match(future.error.message, /params\.month: may not be in the future/);
    const format = await s.get('/v1/partner/me/statements/2026-10?format=xml', s.bearer(partner.token), 400);
    assert.match(format.error.message, /query\.format/);
    await s.get(`/v1/admin/partners/${randomUUID()}/statements/2026-10`, s.admin, 404);
  });

  it('an embed session with the read scope reads its own statement', async () => {
    const own = 'https://partner.example';
    await request(s.app)
      .put('/v1/partner/me/allowed-origins')
      .set(s.bearer(partner.token))
      .send({ allowed_origins: [own] })
      .expect(200);
    const session = (await request(s.app).post('/v1/partner/embed-sessions').set(s.bearer(partner.token)).send({ origin: own }).expect(201)).body;
    const res = await request(s.app)
      .get('/v1/partner/me/statements/2026-09')
      .set({ ...s.bearer(session.client_secret), Origin: own });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.closing_balance, '60.00');
  });

  it('the admin’s ledger CSV: every line of the days asked, in date order, exactly as stored', async () => {
    const res = await request(s.app).get('/v1/admin/ledger.csv?from=2026-10-05&to=2026-10-20').set(s.admin);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type']!, /^text\/csv/);
    const [header, ...rows] = res.text.split('\r\n');
    assert.equal(
      header,
      'id,date,channel,kind,state,payment_id,refund_id,business_id,partner_id,developer_id,technical_partner_id,app_id,payment_amount,rate_percent,amount,currency,approves_at',
    );
    assert.equal(rows.pop(), '');
    const mine = rows.filter((row) => row.includes(business.id)).map((row) => row.split(',').slice(1));
    assert.equal(mine.length, 4);
    const partnerCells = (date: string, kind: string, refundId: string, amount: string, approves: string) => [
      date,
      'partner',
      kind,
      'paid',
      ids.p2,
      refundId,
      business.id,
      partner.id,
      '',
      '',
      '',
      '123.45',
      '10.00',
      amount,
      'USD',
      approves,
    ];
    assert.deepEqual(
      mine.filter((r) => r[1] === 'partner'),
      [
        partnerCells('2026-10-05T12:00:00.000Z', 'earning', '', '12.35', '2026-11-04T12:00:00.000Z'),
        partnerCells('2026-10-20T09:00:00.000Z', 'refund_reversal', ids.r1!, '-2.35', '2026-11-04T12:00:00.000Z'),
      ],
    );
    assert.deepEqual(
      mine.filter((r) => r[1] === 'app').map((r) => [r[0], r[2], r[3], r[10], r[11], r[12], r[13], r[14]]),
      [
        ['2026-10-05T12:00:00.000Z', 'earning', 'approved', tp.app.id, '123.45', '5.00', '6.17', 'USD'],
        ['2026-10-20T09:00:00.000Z', 'refund_reversal', 'approved', tp.app.id, '123.45', '5.00', '-1.17', 'USD'],
      ],
    );
    const bad = await s.get('/v1/admin/ledger.csv?from=2026-10-20&to=2026-10-05', s.admin, 400);
    assert.match(bad.error.message, /query\.to/);
  });

  it('a developer’s payout marked paid is a line of its month, on the statement that names that developer', async () => {
    const other = await s.technicalPartner('active', { name: 'Second Developer Ltd' });
    const theirs = await s.business();
    await db()
      .knex('businesses')
      .where({ id: theirs.id })
      .update({ created_at: new Date('2026-01-01T00:00:00Z') });
    await s.attribute(theirs.id, other.app.id);
    // 5.00 % of 1,200.00 = 60.00, approved after the hold: at least the 50.00 minimum
    await s.post(
      '/v1/events/payments',
      { business_id: theirs.id, amount: '1200.00', paid_at: '2026-09-10T00:00:00Z' },
      { ...s.service, 'Idempotency-Key': randomUUID() },
      201,
    );
    const run = await s.post('/v1/admin/payout-runs', {}, { ...s.admin, 'Idempotency-Key': randomUUID() }, 201);
    const payouts = (await s.get(`/v1/admin/payouts?run_id=${run.id}`, s.admin)).payouts as { id: string; beneficiary: { id: string }; amount: string }[];
    assert.deepEqual(
      payouts.map((p) => [p.beneficiary.id, p.amount]),
      [[other.developer.id, '60.00']],
      'only the second developer is owed the minimum',
    );
    await s.post(`/v1/admin/payouts/${payouts[0]!.id}/mark-paid`, { reference: 'TRF-2' }, s.admin, 200);

    const september = await s.get('/v1/developer/me/statements/2026-09', s.bearer(other.developer.key));
    assert.deepEqual(september.account, { kind: 'developer', id: other.developer.id, name: 'Second Developer Ltd' });
    assert.deepEqual(
      september.lines.map((l: Record<string, unknown>) => [l.kind, l.amount, l.state]),
      [['earning', '60.00', 'paid']],
    );
    const now = await s.get(`/v1/developer/me/statements/${thisMonth}`, s.bearer(other.developer.key));
    assert.deepEqual(
      now.lines.map((l: Record<string, unknown>) => [l.kind, l.amount, l.payout_id, l.reference]),
      [['payout', '-60.00', payouts[0]!.id, 'TRF-2']],
    );
    assert.deepEqual([now.opening_balance, now.totals.payouts, now.closing_balance], ['60.00', '-60.00', '0.00']);
    // the first developer, still below the minimum, has no payout line
    const first = await s.get(`/v1/developer/me/statements/${thisMonth}`, s.bearer(tp.developer.key));
    assert.deepEqual([first.lines.length, first.closing_balance], [0, '36.50']);
  });

  it('states the configured currency; a payment in another currency is refused naming body.currency', async () => {
    const euro = testApp(db(), { CURRENCY: 'EUR' });
    const e = new Scenario(euro.app, euro.config);
    const statement = await e.get(`/v1/admin/partners/${partner.id}/statements/2026-09`, e.admin);
    assert.equal(statement.currency, 'EUR');
    const balances = await e.get('/v1/partner/me/balances', e.bearer(partner.token));
    assert.equal(balances.currency, 'EUR');
    const refused = await e.post(
      '/v1/events/payments',
      { business_id: business.id, amount: '1.00', currency: 'USD' },
      { ...e.service, 'Idempotency-Key': randomUUID() },
      400,
    );
    assert.match(refused.error.message, /body\.currency: must be the platform currency, EUR/);
    const accepted = await e.post(
      '/v1/events/payments',
      { business_id: business.id, amount: '1.00', currency: 'EUR' },
      { ...e.service, 'Idempotency-Key': randomUUID() },
      201,
    );
    assert.deepEqual([accepted.currency, accepted.payment.amount], ['EUR', '1.00']);
  });
});
