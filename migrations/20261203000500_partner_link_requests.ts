import type { Knex } from 'knex';
import { runSql } from '../server/db/run-sql.ts';

/**
 * A directory partner's request to link a developer account to its directory, made by email.
 * Nothing is linked until the developer holding that email confirms with its own API key and
 * the one-time code; only the SHA-256 of the code is stored. An email named here is not
 * reserved: any number of requests may name it, and it stays free to register.
 */
export async function up(knex: Knex): Promise<void> {
  await runSql(knex, `
    CREATE TABLE partner_link_requests (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      partner_id UUID NOT NULL REFERENCES directory_partners(id),
      email TEXT NOT NULL,
      code_hash TEXT NOT NULL UNIQUE,
      app_name TEXT NOT NULL CHECK (length(app_name) BETWEEN 1 AND 200),
      app_url TEXT,
      expires_at TIMESTAMPTZ NOT NULL,
      confirmed_at TIMESTAMPTZ,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX partner_link_requests_partner_idx ON partner_link_requests (partner_id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await runSql(knex, 'DROP TABLE partner_link_requests;');
}
