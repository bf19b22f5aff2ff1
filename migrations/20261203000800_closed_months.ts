import type { Knex } from 'knex';
import { runSql } from '../server/db/run-sql.ts';

/**
 * Months the admin has closed for bookkeeping: payments and refunds dated in one are refused, so
 * a month's reports and statements stop changing once it is closed. Closing is final.
 */
export async function up(knex: Knex): Promise<void> {
  await runSql(knex, `
    CREATE TABLE closed_months (
      month DATE PRIMARY KEY CHECK (month = date_trunc('month', month)::date),
      closed_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await runSql(knex, 'DROP TABLE closed_months;');
}
