import type { Knex } from 'knex';
import { runSql } from '../server/db/run-sql.ts';

/**
 * The batches of aggregated usage each API process has written: a batch is written with its id
 * in one transaction, so a retry after an unclear failure (the commit may have landed) is
 * recognised and not counted twice. Rows older than an hour are pruned; retries come sooner.
 */
export async function up(knex: Knex): Promise<void> {
  await runSql(knex, `
    CREATE TABLE metering_flushes (
      id UUID PRIMARY KEY,
      flushed_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX metering_flushes_flushed_at_idx ON metering_flushes (flushed_at);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await runSql(knex, 'DROP TABLE metering_flushes;');
}
