import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, it } from 'node:test';
import request from 'supertest';
import { testApp } from '../helpers/app.ts';
import { backdate as backdateIn } from '../helpers/backdate.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { assertLedgerMatchesTotals } from '../helpers/invariants.ts';
import { Scenario } from '../helpers/scenario.ts';

/**
 * Rates over time (DESIGN §9): a directory's commission and a Technical Partner's revenue share
 * changed through the admin API from a UTC date on. A payment earns at the rate in force on its
 * paid_at; lines already written never change. Every expected amount is worked out by hand in
 * cents (round half away from zero) and compared as an exact string.
 */
describeEachDatabase('rates over time', (db) => {
  let s: Scenario;
  before(() => {
    const { app, config } = testApp(db());
    s = new Scenario(app, config);
  });

  const DAY_MS = 86_400_000;
  const today = () => new Date().toISOString().slice(0, 10);
  const dayOffset = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  /** The 15th of last month: in the past, mid-month, in an open month. */
  const midLastMonth = () => {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)).toISOString().slice(0, 10);
  };

  const changeRate = (path: string, body: Record<string, unknown>) => request(s.app).post(path).set(s.admin).send(body);
  const history = (path: string) => s.get(path, s.admin);
  const pay = async (businessId: string, amount: string, paidAt?: string) => {
    const res = await request(s.app)
      .post('/v1/events/payments')
      .set({ ...s.service, 'Idempotency-Key': randomUUID() })
      .send({ business_id: businessId, amount, ...(paidAt ? { paid_at: paidAt } : {}) });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return (res.body.earnings as { channel: string; rate_percent: string; amount: string }[]).map((e) => `${e.channel} ${e.rate_percent}% ${e.amount}`);
  };

  const backdate = (since: string, ids: Parameters<typeof backdateIn>[2]) => backdateIn(db().knex, since, ids);

  it('validates the rate, the date and the account, naming the field', async () => {
    const partner = await s.partner();
    const path = `/v1/admin/partners/${partner.id}/rates`;
    for (const [percent, message] of [
      ['7.505', /body\.commission_percent: must be a decimal string/],
      ['100.01', /body\.commission_percent: must be at most 100/],
      ['-1.00', /body\.commission_percent: must be a decimal string/],
      [7.5, /body\.commission_percent: must be a decimal string/],
    ] as const) {
      const res = await changeRate(path, { commission_percent: percent, effective_from: dayOffset(today(), 1) });
      assert.equal(res.status, 400, String(percent));
      assert.match(res.body.error.message, message);
    }
    for (const date of ['2027-02-30', '01/02/2027', '2027-01-01T00:00:00Z']) {
      const res = await changeRate(path, { commission_percent: '7.50', effective_from: date });
      assert.equal(res.status, 400, date);
      assert.match(res.body.error.message, /body\.effective_from/);
    }
    const extra = await changeRate(path, { commission_percent: '7.50', effective_from: dayOffset(today(), 1), revenue_share_percent: '1.00' });
    assert.equal(extra.status, 400);
    const share = await changeRate(`/v1/admin/technical-partners/${partner.id}/rates`, { commission_percent: '7.50', effective_from: today() });
    assert.equal(share.status, 400, 'a Technical Partner’s rate is revenue_share_percent');

    const early = await changeRate(path, { commission_percent: '7.50', effective_from: dayOffset(today(), -1) });
    assert.equal(early.status, 400);
    assert.match(early.body.error.message, /body\.effective_from: may not be before the account was created/);

    assert.equal((await changeRate(`/v1/admin/partners/${randomUUID()}/rates`, { commission_percent: '7.50', effective_from: today() })).status, 404);
    assert.equal((await request(s.app).get(`/v1/admin/technical-partners/${randomUUID()}/rates`).set(s.admin)).status, 404);

    // a month that is closed: 2025-06, for an account that existed then
    await backdate('2025-01-01T00:00:00Z', { partnerId: partner.id });
    assert.equal((await request(s.app).post('/v1/admin/closed-months').set(s.admin).send({ month: '2025-06' })).status, 201);
    const closed = await changeRate(path, { commission_percent: '7.50', effective_from: '2025-06-15' });
    assert.equal(closed.status, 409);
    assert.match(closed.body.error.message, /^body\.effective_from: 2025-06 is a closed month/);
    assert.deepEqual((await history(path)).changes, [], 'nothing refused was recorded');
  });

  it('a payment earns at the rate in force on its paid_at: either side of a change dated mid-month, UTC day boundaries', async () => {
    const change = midLastMonth();
    const dayBefore = dayOffset(change, -1);
    const since = `${dayOffset(change, -10)}T00:00:00Z`;
    const partner = await s.partner({ commission_percent: '10.00' });
    const tp = await s.technicalPartner('active');
    await db().knex('technical_partners').where({ id: tp.id }).update({ revenue_share_percent: null }); // the 5.00 % default
    const business = await s.referredBusiness(partner.id);
    await s.attribute(business.id, tp.app.id);
    await backdate(since, { partnerId: partner.id, technicalPartnerId: tp.id, businessId: business.id });

    // made today, dated mid last month: nothing earned since, so it may reach back
    const commission = await changeRate(`/v1/admin/partners/${partner.id}/rates`, { commission_percent: '7.50', effective_from: change });
    assert.equal(commission.status, 201, JSON.stringify(commission.body));
    assert.deepEqual(
      { ...commission.body, changes: commission.body.changes.map((c: { percent: string; effective_from: string }) => [c.percent, c.effective_from]) },
      { account: { kind: 'partner', id: partner.id }, initial_percent: '10.00', percent_in_force: '7.50', changes: [['7.50', change]] },
    );
    const share = await changeRate(`/v1/admin/technical-partners/${tp.id}/rates`, { revenue_share_percent: '12.50', effective_from: change });
    assert.equal(share.status, 201, JSON.stringify(share.body));
    assert.equal(share.body.initial_percent, '5.00', 'a NULL share is the 5.00 default');
    assert.equal(share.body.percent_in_force, '12.50');

    // 80.05: 10.00 % = 8.005 → 8.01, 7.50 % = 6.00375 → 6.00; 5.00 % = 4.0025 → 4.00, 12.50 % = 10.00625 → 10.01
    assert.deepEqual(await pay(business.id, '80.05', `${dayBefore}T23:59:59.999Z`), ['partner 10.00% 8.01', 'app 5.00% 4.00']);
    assert.deepEqual(await pay(business.id, '80.05', `${change}T00:00:00.000Z`), ['partner 7.50% 6.00', 'app 12.50% 10.01']);
    // the same instant written with an offset: the day is the UTC one (23:30 the day before in New York is 04:30 UTC)
    assert.deepEqual(await pay(business.id, '80.05', `${dayBefore}T23:30:00-05:00`), ['partner 7.50% 6.00', 'app 12.50% 10.01']);
    assert.deepEqual(await pay(business.id, '80.05', `${dayBefore}T18:59:59+00:00`), ['partner 10.00% 8.01', 'app 5.00% 4.00']);
    // 7.50 %: 33.33 → 2.49975 → 2.50; 0.10 → 0.0075 → 0.01; 80.06 → 6.0045 → 6.00; 0.06 → 0.0045 → 0.00
    // 12.50 %: 33.33 → 4.16625 → 4.17; 0.10 → 0.0125 → 0.01; 80.06 → 10.0075 → 10.01; 0.06 → 0.0075 → 0.01
    assert.deepEqual(await pay(business.id, '33.33', `${change}T12:00:00Z`), ['partner 7.50% 2.50', 'app 12.50% 4.17']);
    assert.deepEqual(await pay(business.id, '0.10', `${change}T23:59:59Z`), ['partner 7.50% 0.01', 'app 12.50% 0.01']);
    assert.deepEqual(await pay(business.id, '80.06'), ['partner 7.50% 6.00', 'app 12.50% 10.01']);
    assert.deepEqual(await pay(business.id, '0.06'), ['partner 7.50% 0.00', 'app 12.50% 0.01']);

    // 8.01 + 6.00 + 6.00 + 8.01 + 2.50 + 0.01 + 6.00 + 0.00 = 36.53
    const total = await db().knex('directory_partners').where({ id: partner.id }).first('total_commission_earned');
    assert.equal(total.total_commission_earned, '36.53');
    // what the partner and the developer see is the rate in force today
    assert.equal((await s.get('/v1/partner/me/developer-impact', s.bearer(partner.token))).partner.commission_percent, '7.50');
    assert.equal((await s.get('/v1/developer/me/technical-partner', s.bearer(tp.developer.key))).technical_partner.revenue_share_percent, '12.50');
    await assertLedgerMatchesTotals(db().knex);
  });

  it('never reaches back over earnings already written; later payments dated before a change earn the old rate', async () => {
    const start = dayOffset(today(), -20);
    const partner = await s.partner({ commission_percent: '10.00' });
    const business = await s.referredBusiness(partner.id);
    await backdate(`${start}T00:00:00Z`, { partnerId: partner.id, businessId: business.id });
    const path = `/v1/admin/partners/${partner.id}/rates`;

    const tenDaysAgo = dayOffset(today(), -10);
    assert.deepEqual(await pay(business.id, '100.00', `${tenDaysAgo}T09:00:00Z`), ['partner 10.00% 10.00']);
    for (const date of [dayOffset(today(), -15), tenDaysAgo]) {
      const refused = await changeRate(path, { commission_percent: '20.00', effective_from: date });
      assert.equal(refused.status, 409, date);
      assert.match(
        refused.body.error.message,
        new RegExp(`^body\\.effective_from: earnings dated ${tenDaysAgo}T09:00:00\\.000Z were written at the commission_percent in force then`),
      );
      assert.deepEqual(refused.body.error.details, { latest_earning_at: `${tenDaysAgo}T09:00:00.000Z`, earliest_effective_from: dayOffset(tenDaysAgo, 1) });
    }
    const fiveDaysAgo = dayOffset(today(), -5);
    assert.equal((await changeRate(path, { commission_percent: '20.00', effective_from: dayOffset(tenDaysAgo, 1) })).status, 201);
    assert.equal((await changeRate(path, { commission_percent: '12.50', effective_from: fiveDaysAgo })).status, 201);
    // two changes dated the same day: the later one counts
    assert.equal((await changeRate(path, { commission_percent: '15.00', effective_from: fiveDaysAgo })).status, 201);
    const tomorrow = dayOffset(today(), 1);
    assert.equal((await changeRate(path, { commission_percent: '1.00', effective_from: tomorrow })).status, 201, 'a date ahead waits for its day');

    const listed = await history(path);
    assert.equal(listed.initial_percent, '10.00');
    assert.equal(listed.percent_in_force, '15.00', 'tomorrow’s change is not in force yet');
    assert.deepEqual(
      listed.changes.map((c: { percent: string; effective_from: string }) => `${c.effective_from} ${c.percent}`),
      [`${dayOffset(tenDaysAgo, 1)} 20.00`, `${fiveDaysAgo} 12.50`, `${fiveDaysAgo} 15.00`, `${tomorrow} 1.00`],
    );

    // recorded after the changes, dated before them or between them: each earns at the rate in force on its day
    assert.deepEqual(await pay(business.id, '100.00', `${dayOffset(today(), -12)}T00:00:00Z`), ['partner 10.00% 10.00']);
    assert.deepEqual(await pay(business.id, '100.00', `${dayOffset(today(), -7)}T00:00:00Z`), ['partner 20.00% 20.00']);
    assert.deepEqual(await pay(business.id, '100.00', `${fiveDaysAgo}T00:00:00Z`), ['partner 15.00% 15.00']);
    assert.deepEqual(await pay(business.id, '100.00'), ['partner 15.00% 15.00']);
    // the first line is as it was written
    const lines = await db().knex('earnings_ledger').where({ partner_id: partner.id }).orderBy('earned_at').select('rate_percent', 'amount');
    assert.deepEqual(
      lines.map((l: { rate_percent: string; amount: string }) => `${l.rate_percent} ${l.amount}`),
      ['10.00 10.00', '10.00 10.00', '20.00 20.00', '15.00 15.00', '15.00 15.00'],
    );
    await assertLedgerMatchesTotals(db().knex);
  });

  it('a paused directory earns at its changed rate; a terminated one earns nothing, whatever its rate', async () => {
    const paused = await s.partner({ commission_percent: '10.00' });
    const terminated = await s.partner({ commission_percent: '10.00' });
    const pausedBusiness = await s.referredBusiness(paused.id);
    const terminatedBusiness = await s.referredBusiness(terminated.id);
    for (const partner of [paused, terminated]) {
      assert.equal((await changeRate(`/v1/admin/partners/${partner.id}/rates`, { commission_percent: '7.50', effective_from: today() })).status, 201);
    }
    await db().knex('directory_partners').where({ id: paused.id }).update({ status: 'paused' });
    await db().knex('directory_partners').where({ id: terminated.id }).update({ status: 'terminated' });
    assert.deepEqual(await pay(pausedBusiness.id, '33.33'), ['partner 7.50% 2.50']);
    assert.deepEqual(await pay(terminatedBusiness.id, '33.33'), []);
  });

  it('a suspended Technical Partner earns nothing; reactivated, it earns at the share in force', async () => {
    const tp = await s.technicalPartner('suspended');
    const business = await s.business();
    await s.attribute(business.id, tp.app.id);
    assert.equal((await changeRate(`/v1/admin/technical-partners/${tp.id}/rates`, { revenue_share_percent: '0.50', effective_from: today() })).status, 201);
    assert.deepEqual(await pay(business.id, '80.05'), []);
    const reactivated = await s.post(`/v1/admin/technical-partners/${tp.id}/reactivate`, {}, s.admin, 200);
    assert.equal(reactivated.technical_partner.revenue_share_percent, '0.50', 'the transition answers with the share in force');
    // 0.50 % of 80.05 = 0.40025 → 0.40; of 1.00 = 0.005 → 0.01 (half away from zero)
    assert.deepEqual(await pay(business.id, '80.05'), ['app 0.50% 0.40']);
    assert.deepEqual(await pay(business.id, '1.00'), ['app 0.50% 0.01']);
  });
});
