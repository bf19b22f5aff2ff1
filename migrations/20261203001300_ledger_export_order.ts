import type { Knex } from 'knex';
import { runSql } from '../server/db/run-sql.ts';

/**
 * The ledger in date order, with the line id breaking ties: the key the admin's CSV export and
 * the monthly statements page through (WHERE (earned_at, id) > (…) ORDER BY earned_at, id), so
 * each batch of a million-line export is an index range read, not a sort.
 */
export async function up(knex: Knex): Promise<void> {
  await runSql(knex, 'CREATE INDEX earnings_ledger_earned_at_id_idx ON earnings_ledger (earned_at, id)');
}

export async function down(knex: Knex): Promise<void> {
  await runSql(knex, 'DROP INDEX earnings_ledger_earned_at_id_idx');
}
