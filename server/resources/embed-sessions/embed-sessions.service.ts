import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { AppError, notFound } from '../../errors.ts';
import { issueSecret } from '../credentials/secrets.ts';
import * as repository from './embed-sessions.repository.ts';
import { DEFAULT_TTL_SECONDS } from './embed-sessions.schemas.ts';
import type { Scope } from './scopes.ts';

/** Whose session it is: the account and the long-lived credential that stands behind it. */
export type Account = { kind: 'partner'; id: string; credentialId: string } | { kind: 'developer'; id: string; credentialId: string } | { kind: 'admin' };

/** Expired rows are kept this long, so a late request hears `session_expired`, then removed on mint and sign-in. */
const EXPIRED_KEPT_MS = 24 * 3_600_000;

export interface MintRequest {
  origin: string;
  scopes?: Scope[] | undefined;
  ttl_seconds?: number | undefined;
}

/**
 * Mints an embed session for an origin on the account's allowlist. `ownOrigin` is the API's own
 * public origin: the admin's only allowed origin, and, with `trustOwnOrigin` (the host pages'
 * cookie route), allowed for every account.
 */
export async function mint(knex: Knex, account: Account, input: MintRequest, options: { ownOrigin: string; trustOwnOrigin?: boolean }) {
  const allowed =
    account.kind === 'admin'
      ? [options.ownOrigin]
      : options.trustOwnOrigin && input.origin === options.ownOrigin
        ? [options.ownOrigin]
        : await repository.allowedOriginsOf(knex, account.kind, account.id);
  if (!allowed?.includes(input.origin)) {
    throw new AppError(
      'forbidden',
      account.kind === 'admin'
        ? `Origin ${input.origin} is not allowed: admin embed sessions are for the API's own pages (${options.ownOrigin})`
        : `Origin ${input.origin} is not on this account's allowlist; add it with PUT /v1/${account.kind}/me/allowed-origins`,
    );
  }
  const ttl = input.ttl_seconds ?? DEFAULT_TTL_SECONDS;
  const scopes = [...new Set<string>(['read', ...(input.scopes ?? [])])].sort();
  const issued = issueSecret('ews');
  const now = Date.now();
  await repository.deleteExpired(knex, 'embed_sessions', new Date(now - EXPIRED_KEPT_MS));
  const row = await repository.insertEmbedSession(knex, {
    secret_prefix: issued.prefix,
    secret_hash: issued.hash,
    account_kind: account.kind,
    account_id: account.kind === 'admin' ? null : account.id,
    credential_id: account.kind === 'admin' ? null : account.credentialId,
    origin: input.origin,
    scopes,
    expires_at: new Date(now + ttl * 1000),
  });
  return {
    client_secret: issued.secret,
    origin: row.origin,
    scopes: row.scopes,
    expires_at: row.expires_at.toISOString(),
    expires_in: ttl,
  };
}

export async function allowedOrigins(knex: Knex, kind: 'partner' | 'developer', id: string) {
  const origins = await repository.allowedOriginsOf(knex, kind, id);
  if (!origins) throw notFound(kind === 'partner' ? 'Partner' : 'Developer');
  return { allowed_origins: origins };
}

export async function replaceAllowedOrigins(knex: Knex, kind: 'partner' | 'developer', id: string, origins: string[]) {
  const saved = await repository.setAllowedOrigins(knex, kind, id, origins);
  if (!saved) throw notFound(kind === 'partner' ? 'Partner' : 'Developer');
  return { allowed_origins: saved };
}

// ---- host sessions: the host pages' sign-in, kept in an HttpOnly cookie ----

/** How long a host-page sign-in lasts. */
export const HOST_SESSION_SECONDS = 8 * 3600;

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Starts a host session for a verified account; the returned secret goes into the cookie only. */
export async function startHostSession(knex: Knex, account: Account) {
  const secret = randomBytes(32).toString('base64url');
  const now = Date.now();
  await repository.deleteExpired(knex, 'host_sessions', new Date(now));
  const row = await repository.insertHostSession(knex, {
    secret_hash: digest(secret),
    account_kind: account.kind,
    account_id: account.kind === 'admin' ? null : account.id,
    credential_id: account.kind === 'admin' ? null : account.credentialId,
    expires_at: new Date(now + HOST_SESSION_SECONDS * 1000),
  });
  return { secret, audience: row.account_kind, expiresAt: row.expires_at };
}

/** The account behind a host-session cookie, or undefined when it is unknown or expired. */
export async function hostSession(knex: Knex, secret: string): Promise<{ account: Account; expiresAt: Date } | undefined> {
  const row = await repository.findHostSession(knex, digest(secret));
  if (!row || row.expires_at.getTime() <= Date.now()) return undefined;
  if (row.account_kind === 'admin') return { account: { kind: 'admin' }, expiresAt: row.expires_at };
  // signed in with a token or key revoked since: signed out
  if (!(await repository.credentialActive(knex, row.account_kind, row.credential_id as string))) return undefined;
  return { account: { kind: row.account_kind, id: row.account_id as string, credentialId: row.credential_id as string }, expiresAt: row.expires_at };
}

/** Who a signed-in account is, in words (the admin has no account row). */
export async function accountName(knex: Knex, account: Account): Promise<string> {
  if (account.kind === 'admin') return 'Platform team';
  return (await repository.accountName(knex, account.kind, account.id)) ?? account.kind;
}

export async function endHostSession(knex: Knex, secret: string): Promise<void> {
  await repository.deleteHostSession(knex, digest(secret));
}
