import type { Knex } from 'knex';
import type { SessionAudience } from './scopes.ts';

export interface EmbedSessionRow {
  id: string;
  secret_prefix: string;
  secret_hash: string;
  account_kind: SessionAudience;
  account_id: string | null;
  credential_id: string | null;
  origin: string;
  scopes: string[];
  created_at: Date;
  expires_at: Date;
}

/** A session with what its minting credential looks like now. */
export interface EmbedSessionLookup extends EmbedSessionRow {
  /** False when the partner token or API key that minted it is revoked (always true for the admin). */
  credential_active: boolean;
  partner_status: 'active' | 'paused' | 'suspended' | 'terminated' | null;
  pricing_tier: 'starter' | 'growth' | 'technical_partner' | null;
}

export type NewEmbedSession = Omit<EmbedSessionRow, 'id' | 'created_at'>;

export async function insertEmbedSession(knex: Knex | Knex.Transaction, session: NewEmbedSession): Promise<EmbedSessionRow> {
  const [row] = await knex('embed_sessions').insert(session).returning('*');
  return row;
}

export async function findEmbedSession(knex: Knex, prefix: string): Promise<EmbedSessionLookup | undefined> {
  const row = await knex('embed_sessions as s')
    .leftJoin('partner_tokens as t', function () {
      this.on('t.id', 's.credential_id').andOn('s.account_kind', knex.raw('?', ['partner']));
    })
    .leftJoin('directory_partners as p', 'p.id', 't.partner_id')
    .leftJoin('api_keys as k', function () {
      this.on('k.id', 's.credential_id').andOn('s.account_kind', knex.raw('?', ['developer']));
    })
    .where('s.secret_prefix', prefix)
    .first(
      's.*',
      knex.raw(
        `CASE s.account_kind WHEN 'admin' THEN true WHEN 'partner' THEN (t.id IS NOT NULL AND t.revoked_at IS NULL)
         ELSE (k.id IS NOT NULL AND k.revoked_at IS NULL) END AS credential_active`,
      ),
      'p.status as partner_status',
      'k.pricing_tier',
    );
  return row as EmbedSessionLookup | undefined;
}

/**
 * Removes a bounded batch of long-expired rows (sessions or host sessions). Expired rows are kept
 * for a while so that a late request still hears `session_expired` rather than `unauthorized`.
 */
export async function deleteExpired(knex: Knex, table: 'embed_sessions' | 'host_sessions', before: Date, batch = 100): Promise<number> {
  return knex(table)
    .whereIn('id', knex(table).select('id').where('expires_at', '<', before).orderBy('expires_at').limit(batch))
    .delete();
}

export async function allowedOriginsOf(knex: Knex, kind: 'partner' | 'developer', id: string): Promise<string[] | undefined> {
  const table = kind === 'partner' ? 'directory_partners' : 'developer_accounts';
  const row = await knex(table).where({ id }).first('allowed_origins');
  return row?.allowed_origins;
}

export async function setAllowedOrigins(knex: Knex, kind: 'partner' | 'developer', id: string, origins: string[]): Promise<string[] | undefined> {
  const table = kind === 'partner' ? 'directory_partners' : 'developer_accounts';
  const [row] = await knex(table).where({ id }).update({ allowed_origins: origins, updated_at: knex.fn.now() }).returning('allowed_origins');
  return row?.allowed_origins;
}

/** Whether a partner token or API key is still unrevoked (and, for a token, its partner not terminated). */
export async function credentialActive(knex: Knex, kind: 'partner' | 'developer', credentialId: string): Promise<boolean> {
  const row =
    kind === 'partner'
      ? await knex('partner_tokens as t')
          .join('directory_partners as p', 'p.id', 't.partner_id')
          .where('t.id', credentialId)
          .whereNull('t.revoked_at')
          .whereNot('p.status', 'terminated')
          .first('t.id')
      : await knex('api_keys').where({ id: credentialId }).whereNull('revoked_at').first('id');
  return row !== undefined;
}

// ---- host sessions: the host pages' sign-in cookie ----

export interface HostSessionRow {
  id: string;
  secret_hash: string;
  account_kind: SessionAudience;
  account_id: string | null;
  credential_id: string | null;
  created_at: Date;
  expires_at: Date;
}

export async function insertHostSession(knex: Knex, session: Omit<HostSessionRow, 'id' | 'created_at'>): Promise<HostSessionRow> {
  const [row] = await knex('host_sessions').insert(session).returning('*');
  return row;
}

export function findHostSession(knex: Knex, secretHash: string): Promise<HostSessionRow | undefined> {
  return knex('host_sessions').where({ secret_hash: secretHash }).first();
}

export async function deleteHostSession(knex: Knex, secretHash: string): Promise<void> {
  await knex('host_sessions').where({ secret_hash: secretHash }).delete();
}

/** The name an account goes by on the host pages' header: the directory, or the developer and company. */
export async function accountName(knex: Knex, kind: 'partner' | 'developer', id: string): Promise<string | undefined> {
  if (kind === 'partner') {
    const row = await knex('directory_partners').where({ id }).first('directory_name');
    return row?.directory_name;
  }
  const row = await knex('developer_accounts').where({ id }).first('name', 'company');
  return row ? (row.company ? `${row.name} (${row.company})` : row.name) : undefined;
}
