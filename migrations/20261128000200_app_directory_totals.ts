import type { Knex } from 'knex';
import { runSql } from '../server/db/run-sql.ts';

/**
 * Each app's all-time records per contributing directory, and per app in all, kept by the
 * metering statement itself: the showcase reads the top few directories of a page of apps from
 * an index instead of summing every month of every directory (flat at a million businesses,
 * docs/PERFORMANCE.md).
 */
export async function up(knex: Knex): Promise<void> {
  await runSql(knex, `
    CREATE TABLE app_directory_totals (
      app_id UUID NOT NULL REFERENCES developer_apps(id) ON DELETE CASCADE,
      partner_id UUID NOT NULL REFERENCES directory_partners(id),
      records_served BIGINT NOT NULL DEFAULT 0 CHECK (records_served >= 0),
      PRIMARY KEY (app_id, partner_id)
    );
    CREATE INDEX app_directory_totals_top_idx ON app_directory_totals (app_id, records_served DESC, partner_id);
    CREATE INDEX app_directory_totals_partner_idx ON app_directory_totals (partner_id);
    ALTER TABLE developer_apps
      ADD COLUMN records_served BIGINT NOT NULL DEFAULT 0 CHECK (records_served >= 0),
      ADD COLUMN contributing_directories INTEGER NOT NULL DEFAULT 0 CHECK (contributing_directories >= 0);
    INSERT INTO app_directory_totals (app_id, partner_id, records_served)
    SELECT app_id, partner_id, sum(records_served) FROM app_directory_contributions GROUP BY app_id, partner_id;
    UPDATE developer_apps a SET records_served = t.records, contributing_directories = t.directories
    FROM (SELECT app_id, sum(records_served) AS records, count(*) AS directories FROM app_directory_totals GROUP BY app_id) t
    WHERE t.app_id = a.id;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await runSql(knex, `
    ALTER TABLE developer_apps DROP COLUMN contributing_directories, DROP COLUMN records_served;
    DROP TABLE app_directory_totals;
  `);
}
