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
