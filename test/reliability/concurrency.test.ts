import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { testApp } from '../helpers/app.ts';
import { mapBounded } from '../helpers/bounded.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { assertLedgerMatchesTotals } from '../helpers/invariants.ts';
import { Scenario } from '../helpers/scenario.ts';
import { listen } from '../helpers/server.ts';

const PAYMENTS = 1_000;
const IN_FLIGHT = 50;
const AMOUNTS = ['0.10', '1.05', '19.99', '33.33', '80.05', '199.99', '0.01', '4999.95'];

/** Expected earning in cents: amount × percent / 100, rounded half away from zero, in integers. */
const earnCents = (amount: string, percent: string) => {
  const cents = Math.round(Number(amount) * 100); // exact for two-place inputs
  const basis = Math.round(Number(percent) * 100); // 12.50 % → 1250
  return Math.floor((cents * basis + 5_000) / 10_000);
};
const money = (cents: number) => (cents / 100).toFixed(2);

interface Case {
  businessId: string;
  partner?: { id: string; percent: string };
  app?: { technicalPartnerId: string; attributionId: string; status: 'active' | 'pending' | 'suspended' };
}

describeEachDatabase('concurrent writes', (db) => {
  let s: Scenario;
  let server: Awaited<ReturnType<typeof listen>>;
  const cases: Case[] = [];
  before(async () => {
    const { app, config } = testApp(db());
    s = new Scenario(app, config);
    server = await listen(app);
    const percents = ['7.50', '10.00', '12.50', '15.00'];
    const partners = await Promise.all(percents.map((p) => s.partner({ commission_percent: p })));
    const tps = {
      active: await s.technicalPartner('active'),
      pending: await s.technicalPartner('pending'),
      suspended: await s.technicalPartner('suspended'),
    };
    // 20 businesses: partner-referred, attributed (to each status), both, or neither
    const plan: [number | null, keyof typeof tps | null][] = [
      [0, null],
      [1, null],
      [2, null],
      [3, null],
      [0, null],
      [null, 'active'],
      [null, 'active'],
      [1, 'active'],
      [2, 'active'],
      [3, 'active'],
      [null, 'pending'],
      [0, 'pending'],
      [null, 'pending'],
      [null, 'suspended'],
      [1, 'suspended'],
      [null, 'suspended'],
      [null, null],
      [null, null],
      [null, null],
      [2, null],
    ];
    for (const [partnerIndex, status] of plan) {
      const partner = partnerIndex === null ? undefined : partners[partnerIndex]!;
      const business = partner ? await s.referredBusiness(partner.id) : await s.business();
      const c: Case = { businessId: business.id, partner: partner && { id: partner.id, percent: percents[partnerIndex!]! } };
      if (status) {
        const attribution = await s.attribute(business.id, tps[status].app.id);
        c.app = { technicalPartnerId: tps[status].id, attributionId: attribution.id, status };
      }
      cases.push(c);
    }
  });
  after(() => server.close());

  const send = async (i: number) =>
    fetch(`${server.base}/v1/events/payments`, {
      method: 'POST',
      headers: { ...s.service, 'Content-Type': 'application/json', 'Idempotency-Key': `concurrency-${i}` },
      body: JSON.stringify({ business_id: cases[i % cases.length]!.businessId, amount: AMOUNTS[i % AMOUNTS.length] }),
    });

  it(`${PAYMENTS} payments, ${IN_FLIGHT} at a time: every ledger row and running total equals the hand-computed expectation`, async () => {
    const responses = await mapBounded(
      Array.from({ length: PAYMENTS }, (_, i) => i),
      IN_FLIGHT,
      send,
    );
    assert.deepEqual([...new Set(responses.map((r) => r.status))], [201]);

    const partnerCents = new Map<string, number>();
    const tpCents = new Map<string, number>();
    const attributionCents = new Map<string, number>();
    let ledgerRows = 0;
    for (let i = 0; i < PAYMENTS; i++) {
      const c = cases[i % cases.length]!;
      const amount = AMOUNTS[i % AMOUNTS.length]!;
      if (c.partner) {
        partnerCents.set(c.partner.id, (partnerCents.get(c.partner.id) ?? 0) + earnCents(amount, c.partner.percent));
        ledgerRows++;
      }
      if (c.app?.status === 'active') {
        const e = earnCents(amount, '5.00');
        tpCents.set(c.app.technicalPartnerId, (tpCents.get(c.app.technicalPartnerId) ?? 0) + e);
        attributionCents.set(c.app.attributionId, (attributionCents.get(c.app.attributionId) ?? 0) + e);
        ledgerRows++;
      }
    }
    const knex = db().knex;
    for (const [id, cents] of partnerCents) {
      assert.equal((await knex('directory_partners').where({ id }).first()).total_commission_earned, money(cents));
    }
    for (const c of cases.filter((c) => c.app)) {
      const tp = await knex('technical_partners').where({ id: c.app!.technicalPartnerId }).first();
      assert.equal(tp.total_app_earnings, money(tpCents.get(c.app!.technicalPartnerId) ?? 0), `${c.app!.status} technical partner`);
      const attribution = await knex('app_business_attributions').where({ id: c.app!.attributionId }).first();
      assert.equal(attribution.earnings_attributed, money(attributionCents.get(c.app!.attributionId) ?? 0));
    }
    assert.equal((await knex('earnings_ledger').count({ n: '*' }).first())!.n, ledgerRows);
    assert.equal((await knex('business_payments').count({ n: '*' }).first())!.n, PAYMENTS);
    await assertLedgerMatchesTotals(knex);
  });

  it('re-sending all of them with the same idempotency keys changes nothing', async () => {
    const knex = db().knex;
    const snapshot = async () => ({
      ledger: await knex('earnings_ledger').count({ n: '*' }).sum({ s: 'amount' }).first(),
      partners: await knex('directory_partners').orderBy('id').pluck('total_commission_earned'),
      tps: await knex('technical_partners').orderBy('id').pluck('total_app_earnings'),
      counters: await knex('ecosystem_counters').sum({ s: 'value' }).first(),
    });
    const before = await snapshot();
    const responses = await mapBounded(
      Array.from({ length: PAYMENTS }, (_, i) => i),
      IN_FLIGHT,
      send,
    );
    assert.deepEqual([...new Set(responses.map((r) => r.status))], [200]);
    assert.deepEqual(await snapshot(), before);
  });

  it('200 concurrent approvals of one application issue exactly one key', async () => {
    const tp = await s.technicalPartner('pending');
    const responses = await Promise.all(
      Array.from({ length: 200 }, () => fetch(`${server.base}/v1/admin/technical-partners/${tp.id}/approve`, { method: 'POST', headers: s.admin })),
    );
    const statuses = responses.map((r) => r.status).sort();
    assert.equal(statuses.filter((x) => x === 200).length, 1);
    assert.equal(statuses.filter((x) => x === 409).length, 199);
    const keys = await db().knex('api_keys').where({ developer_id: tp.developer.id, pricing_tier: 'technical_partner' }).count({ n: '*' }).first();
    assert.equal(keys!.n, 1);
  });
});
