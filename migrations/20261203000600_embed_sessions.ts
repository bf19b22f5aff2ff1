import type { Knex } from 'knex';
import { runSql } from '../server/db/run-sql.ts';

/**
 * Embed sessions: short-lived client secrets (ews_…) that a partner's or developer's server mints
 * for one origin, so no long-lived credential ever reaches a web page. Only the SHA-256 of the
 * secret is stored, found by its visible prefix like keys and tokens. `credential_id` is the
 * partner token or API key that minted the session (none for the admin): revoking it ends the
 * session too. Host sessions are the host pages' sign-in cookies, stored as a digest as well.
 * Developers get an allowlist of origins like partners have.
 */
export async function up(knex: Knex): Promise<void> {
  await runSql(knex, `
    ALTER TABLE developer_accounts ADD COLUMN allowed_origins TEXT[] NOT NULL DEFAULT '{}';

    CREATE TABLE embed_sessions (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      secret_prefix TEXT NOT NULL UNIQUE,
      secret_hash TEXT NOT NULL,
      account_kind TEXT NOT NULL CHECK (account_kind IN ('partner', 'developer', 'admin')),
      account_id UUID,
      credential_id UUID,
      origin TEXT NOT NULL CHECK (length(origin) BETWEEN 1 AND 300),
      scopes TEXT[] NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      expires_at TIMESTAMPTZ NOT NULL,
      CHECK ((account_kind = 'admin') = (account_id IS NULL AND credential_id IS NULL))
    );
    CREATE INDEX embed_sessions_expires_idx ON embed_sessions (expires_at);

    CREATE TABLE host_sessions (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      secret_hash TEXT NOT NULL UNIQUE,
      account_kind TEXT NOT NULL CHECK (account_kind IN ('partner', 'developer', 'admin')),
      account_id UUID,
      credential_id UUID,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      expires_at TIMESTAMPTZ NOT NULL,
      CHECK ((account_kind = 'admin') = (account_id IS NULL AND credential_id IS NULL))
    );
    CREATE INDEX host_sessions_expires_idx ON host_sessions (expires_at);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await runSql(knex, `
    DROP TABLE host_sessions;
    DROP TABLE embed_sessions;
    ALTER TABLE developer_accounts DROP COLUMN allowed_origins;
  `);
}
