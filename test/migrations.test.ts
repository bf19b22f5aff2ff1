import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../server/db/database.ts';
import { databaseTargets } from './helpers/databases.ts';

async function tables(db: Database): Promise<string[]> {
  const { rows } = await db.knex.raw(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE 'knex_%' ORDER BY 1`,
  );
  return rows.map((r: { table_name: string }) => r.table_name);
}

for (const target of databaseTargets()) {
  describe(`migrations [${target.name}]`, () => {
    let db: Database;
    before(async () => {
      db = await target.open({ migrate: false });
    });
    after(() => db.close());

    it('run up, all the way down, and up again cleanly', async () => {
      assert.deepEqual(await tables(db), []);
      const [, applied] = await db.knex.migrate.latest();
      assert.deepEqual(
        applied.map((file: string) => file.replace(/\.ts$/, '')),
        readdirSync('migrations')
          .map((file) => file.replace(/\.ts$/, ''))
          .sort(),
      );
      const created = await tables(db);
      for (const table of [
        'businesses',
        'technical_partners',
        'app_business_attributions',
        'earnings_ledger',
        'partner_referred_businesses_api',
        'ecosystem_counters',
      ]) {
        assert.ok(created.includes(table), `${table} exists`);
      }
      await db.knex.migrate.rollback(undefined, true);
      assert.deepEqual(await tables(db), []);
      const [, again] = await db.knex.migrate.latest();
      assert.deepEqual(again, applied);
      assert.deepEqual(await tables(db), created);
    });
  });
}

for (const target of databaseTargets()) {
  describe(`earning states migration [${target.name}]`, () => {
    let db: Database;
    before(async () => {
      db = await target.open({ migrate: false });
    });
    after(() => db.close());

    it('gives lines written before it the default 30-day hold, and a reversal its earning’s date', async () => {
      const name = '20261203001000_earning_states_and_payouts.ts';
      await db.knex.migrate.latest();
      // the later migrations first: their tables may reference this one's
      for (const later of readdirSync('migrations')
        .filter((file) => file > name)
        .sort()
        .reverse())
        await db.knex.migrate.down({ name: later });
      await db.knex.migrate.down({ name });
      const knex = db.knex;
      const [business] = await knex('businesses').insert({ business_name: 'Old Books', category: 'Books', city: 'Austin', state: 'TX' }).returning('id');
      const [partner] = await knex('directory_partners').insert({ directory_name: 'Old Directory', commission_percent: '10.00' }).returning('id');
      const paidAt = new Date('2026-10-01T12:00:00Z');
      const [payment] = await knex('business_payments').insert({ business_id: business.id, amount: '100.00', paid_at: paidAt }).returning('id');
      const [refund] = await knex('payment_refunds')
        .insert({ payment_id: payment.id, kind: 'refund', amount: '50.00', refunded_at: new Date('2026-11-20T08:00:00Z') })
        .returning('id');
      const line = {
        payment_id: payment.id,
        channel: 'partner',
        business_id: business.id,
        partner_id: partner.id,
        payment_amount: '100.00',
        rate_percent: '10.00',
      };
      await knex('earnings_ledger').insert({ ...line, amount: '10.00', earned_at: paidAt });
      await knex('earnings_ledger').insert({ ...line, amount: '-5.00', earned_at: new Date('2026-11-20T08:00:00Z'), refund_id: refund.id });
      await db.knex.migrate.up({ name });
      const rows = await knex('earnings_ledger').where({ payment_id: payment.id }).orderBy('amount', 'desc').select('amount', 'approves_at');
      assert.deepEqual(
        rows.map((r: { amount: string; approves_at: Date }) => [r.amount, r.approves_at.toISOString()]),
        [
          ['10.00', '2026-10-31T12:00:00.000Z'],
          ['-5.00', '2026-10-31T12:00:00.000Z'],
        ],
      );
    });
  });
}
