import type { Knex } from 'knex';
import { runSql } from '../server/db/run-sql.ts';

/**
 * Two indexes the million-business benchmark asked for (docs/PERFORMANCE.md):
 * - the feed's newest entries sort by (entered_at DESC, id DESC); many entries share a timestamp,
 *   so an index on entered_at alone made PostgreSQL read and sort every entry of the newest instant;
 * - the showcase and badge sum each app's contributions per directory; a covering index answers
 *   that from the index alone, without visiting the table.
 */
export async function up(knex: Knex): Promise<void> {
  await runSql(knex, `
    CREATE INDEX pool_events_newest_idx ON pool_events (entered_at DESC, id DESC);
    DROP INDEX pool_events_entered_idx;
    CREATE INDEX app_directory_contributions_app_totals_idx ON app_directory_contributions (app_id) INCLUDE (partner_id, records_served);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await runSql(knex, `
    DROP INDEX app_directory_contributions_app_totals_idx;
    CREATE INDEX pool_events_entered_idx ON pool_events (entered_at DESC);
    DROP INDEX pool_events_newest_idx;
  `);
}
