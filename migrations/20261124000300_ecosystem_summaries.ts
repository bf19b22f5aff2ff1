import type { Knex } from 'knex';
import { runSql } from '../server/db/run-sql.ts';

/**
 * Aggregates the public widgets read on every page view, kept current by the writes themselves
 * (same transaction) so that reading them costs the same at ten thousand businesses or a million.
 * `server/summaries` maintains them and can rebuild them from the base tables.
 */
export async function up(knex: Knex): Promise<void> {
  await runSql(knex, `
    -- When a business entered the data pool depends on both its conversion and its verification.
    ALTER TABLE businesses ADD COLUMN verified_at TIMESTAMPTZ;
    ALTER TABLE businesses ADD CONSTRAINT businesses_verified_at CHECK (is_verified = (verified_at IS NOT NULL));
    -- Set once, the first time the app reads partner-referred data; makes it "partner-powered".
    ALTER TABLE developer_apps ADD COLUMN partner_powered_at TIMESTAMPTZ;
    CREATE INDEX developer_apps_partner_powered_idx ON developer_apps (partner_powered_at DESC)
      WHERE partner_powered_at IS NOT NULL;

    -- Additive counters per metric and month. Totals sum every month; series group by month.
    -- Each increment lands on one of a few shards so concurrent writers rarely wait on one row.
    CREATE TABLE ecosystem_counters (
      metric TEXT NOT NULL,
      month DATE NOT NULL CHECK (extract(day FROM month) = 1),
      shard SMALLINT NOT NULL DEFAULT 0 CHECK (shard BETWEEN 0 AND 7),
      value NUMERIC(20,6) NOT NULL DEFAULT 0,
      PRIMARY KEY (metric, month, shard)
    );

    -- Businesses in the data pool (the view's rows) by category and by place.
    CREATE TABLE pool_category_counts (
      category TEXT PRIMARY KEY,
      businesses INTEGER NOT NULL DEFAULT 0 CHECK (businesses >= 0)
    );
    CREATE TABLE pool_location_counts (
      state TEXT NOT NULL,
      city TEXT NOT NULL,
      businesses INTEGER NOT NULL DEFAULT 0 CHECK (businesses >= 0),
      PRIMARY KEY (state, city)
    );

    -- Which directories' businesses each app has read, and how many records, per month. This is
    -- metered fact, not a derived total: the data API and usage events write it.
    CREATE TABLE app_directory_contributions (
      app_id UUID NOT NULL REFERENCES developer_apps(id),
      partner_id UUID NOT NULL REFERENCES directory_partners(id),
      month DATE NOT NULL CHECK (extract(day FROM month) = 1),
      records_served BIGINT NOT NULL DEFAULT 0 CHECK (records_served >= 0),
      PRIMARY KEY (app_id, partner_id, month)
    );
    CREATE INDEX app_directory_contributions_partner_idx ON app_directory_contributions (partner_id);

    -- Each entry of a business into the data pool, in order: the live feed's stream (its id is
    -- the SSE event id, so a client resumes after Last-Event-ID) and its "newest businesses".
    CREATE TABLE pool_events (
      id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      business_id UUID NOT NULL REFERENCES businesses(id),
      partner_id UUID NOT NULL REFERENCES directory_partners(id),
      entered_at TIMESTAMPTZ NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX pool_events_business_idx ON pool_events (business_id);
    CREATE INDEX pool_events_partner_idx ON pool_events (partner_id);
    CREATE INDEX pool_events_entered_idx ON pool_events (entered_at DESC);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await runSql(knex, `
    DROP TABLE pool_events;
    DROP TABLE app_directory_contributions;
    DROP TABLE pool_location_counts;
    DROP TABLE pool_category_counts;
    DROP TABLE ecosystem_counters;
    DROP INDEX developer_apps_partner_powered_idx;
    ALTER TABLE developer_apps DROP COLUMN partner_powered_at;
    ALTER TABLE businesses DROP CONSTRAINT businesses_verified_at;
    ALTER TABLE businesses DROP COLUMN verified_at;
  `);
}
