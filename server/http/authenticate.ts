import type { Request } from 'express';
import type { Knex } from 'knex';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { type ApiKeyRow, findApiKey, findPartnerToken } from '../resources/credentials/credentials.repository.ts';
import { hashSecret, prefixOf, secretMatches } from '../resources/credentials/secrets.ts';
import { VerifiedKeys } from '../resources/credentials/verified-keys.ts';
import { findEmbedSession } from '../resources/embed-sessions/embed-sessions.repository.ts';
import type { Scope } from '../resources/embed-sessions/scopes.ts';
import { ownOrigin } from './own-origin.ts';

/** Who may call a route. 'platform' is the events API: the admin token or the service token. */
export type Audience = 'public' | 'developer' | 'partner' | 'admin' | 'platform';

/** The embed session a browser request came with (server/resources/embed-sessions/). */
export interface EmbedSessionGrant {
  id: string;
  origin: string;
}

/**
 * What the caller may do: `'all'` for a long-lived credential (a server), the session's scopes
 * for an embed session (a browser); `embedSession` is null for a long-lived credential.
 */
export interface Grant {
  scopes: 'all' | readonly Scope[];
  embedSession: EmbedSessionGrant | null;
}

export interface DeveloperPrincipal extends Grant {
  kind: 'developer';
  developerId: string;
  keyId: string;
  tier: 'starter' | 'growth' | 'technical_partner';
}
export interface PartnerPrincipal extends Grant {
  kind: 'partner';
  partnerId: string;
  tokenId: string;
}
export interface AdminPrincipal extends Grant {
  kind: 'admin';
}
export interface ServicePrincipal extends Grant {
  kind: 'service';
}

export type PrincipalFor<A extends Audience> = {
  public: null;
  developer: DeveloperPrincipal;
  partner: PartnerPrincipal;
  admin: AdminPrincipal;
  platform: AdminPrincipal | ServicePrincipal;
}[A];

export type Authenticator = <A extends Audience>(audience: A, req: Request) => Promise<PrincipalFor<A>>;

/** Checks a long-lived credential presented for an audience, wherever it came from. */
export type CredentialVerifier = <A extends Exclude<Audience, 'public'>>(audience: A, token: string) => Promise<PrincipalFor<A>>;

const invalid = (what: string) => new AppError('unauthorized', `Invalid or revoked ${what}`);
const SERVER = { scopes: 'all', embedSession: null } as const;

/** The bearer token of a request, or undefined. */
export function bearerToken(req: Request): string | undefined {
  // The scheme name is case-insensitive (RFC 9110 §11.1): `bearer` is as good as `Bearer`.
  return /^bearer ([\x21-\x7e]{1,512})$/i.exec(req.headers.authorization ?? '')?.[1];
}

/** The refusal of a long-lived credential sent from a browser (a request with an Origin header). */
export function browserRefusal(audience: Exclude<Audience, 'public'>): AppError {
  const mint =
    audience === 'platform'
      ? 'Platform events are accepted from servers only.'
      : `From a web page, use an embed session: your server mints one with POST /v1/${audience}/embed-sessions and the page sends its ews_ client secret.`;
  return new AppError(
    'forbidden',
    `Long-lived credentials (API keys, partner tokens, the admin and service tokens) are for servers, and this request carries an Origin header as browsers send. ${mint}`,
  );
}

export function createCredentialVerifier(knex: Knex, config: Config): CredentialVerifier {
  const adminHash = config.ADMIN_TOKEN ? hashSecret(config.ADMIN_TOKEN) : undefined;
  const serviceHash = config.SERVICE_TOKEN ? hashSecret(config.SERVICE_TOKEN) : undefined;
  const verifiedKeys = new VerifiedKeys<ApiKeyRow>(config.API_KEY_CACHE_MS);

  async function verify(audience: Exclude<Audience, 'public'>, token: string) {
    if (audience === 'developer') {
      const prefix = prefixOf(token, 'ewk');
      // remembered by the digest of the whole key, and only once it matched: a hit is a match
      const matching = async () => {
        const row = prefix ? await findApiKey(knex, prefix) : undefined;
        return row && secretMatches(token, row.key_hash) ? row : undefined;
      };
      const key = prefix ? await verifiedKeys.get(hashSecret(token), matching) : undefined;
      if (!key) throw invalid('API key');
      return { kind: 'developer', developerId: key.developer_id, keyId: key.id, tier: key.pricing_tier, ...SERVER };
    }
    if (audience === 'partner') {
      const prefix = prefixOf(token, 'ewp');
      const row = prefix ? await findPartnerToken(knex, prefix) : undefined;
      if (!row || !secretMatches(token, row.token_hash)) throw invalid('partner token');
      if (row.partner_status === 'terminated') throw new AppError('forbidden', 'This partner account is terminated');
      return { kind: 'partner', partnerId: row.partner_id, tokenId: row.id, ...SERVER };
    }
    if (adminHash && secretMatches(token, adminHash)) return { kind: 'admin', ...SERVER };
    if (audience === 'platform' && serviceHash && secretMatches(token, serviceHash)) return { kind: 'service', ...SERVER };
    throw invalid(audience === 'admin' ? 'admin token' : 'admin or service token');
  }
  return verify as CredentialVerifier;
}

/**
 * Authenticates a request for an audience. Servers use long-lived credentials, refused on any
 * request with an Origin header; browsers use embed sessions (`ews_…`), accepted only from their
 * own origin, and given CORS for it.
 */
export function createAuthenticator(knex: Knex, config: Config): Authenticator {
  const verify = createCredentialVerifier(knex, config);

  async function authenticate(audience: Audience, req: Request) {
    if (audience === 'public') return null;
    const token = bearerToken(req);
    if (!token) throw new AppError('unauthorized', 'Missing credentials: send Authorization: Bearer <token>');
    const origin = req.headers.origin;
    if (token.startsWith('ews_') && audience !== 'platform') return embedSession(audience, token, origin, req);
    // Refused before any lookup: the answer is the same whether or not the credential is valid.
    if (origin !== undefined) throw browserRefusal(audience);
    return verify(audience, token);
  }

  async function embedSession(audience: 'developer' | 'partner' | 'admin', token: string, origin: string | undefined, req: Request) {
    const prefix = prefixOf(token, 'ews');
    const row = prefix ? await findEmbedSession(knex, prefix) : undefined;
    if (!row || !secretMatches(token, row.secret_hash) || row.account_kind !== audience || !row.credential_active) throw invalid('embed session');
    // A browser leaves the Origin header out only of its same-origin GET and HEAD requests: those
    // come from the API's own pages, so they count as from its own origin.
    const from = origin ?? ownOrigin(req, config.PUBLIC_BASE_URL);
    if (from !== row.origin) {
      throw new AppError(
        'forbidden',
        `This embed session is for ${row.origin}; the request came from ${origin === undefined ? `${from} (no Origin header: the API's own origin)` : origin}`,
      );
    }
    // The page may read every answer from here on, the expiry included, so it knows to ask again.
    req.res?.set({ 'Access-Control-Allow-Origin': row.origin, 'Access-Control-Expose-Headers': 'X-Request-Id, WWW-Authenticate' });
    if (row.expires_at.getTime() <= Date.now()) {
      throw new AppError('session_expired', `This embed session expired at ${row.expires_at.toISOString()}; mint a new one`);
    }
    const grant = { scopes: row.scopes as Scope[], embedSession: { id: row.id, origin: row.origin } };
    if (row.account_kind === 'partner') {
      if (row.partner_status === 'terminated') throw new AppError('forbidden', 'This partner account is terminated');
      return { kind: 'partner', partnerId: row.account_id as string, tokenId: row.credential_id as string, ...grant };
    }
    if (row.account_kind === 'developer') {
      return {
        kind: 'developer',
        developerId: row.account_id as string,
        keyId: row.credential_id as string,
        tier: row.pricing_tier ?? 'starter',
        ...grant,
      };
    }
    return { kind: 'admin', ...grant };
  }

  return authenticate as Authenticator;
}
