import type { Request } from 'express';
import type { Knex } from 'knex';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { findApiKey, findPartnerToken } from '../resources/credentials/credentials.repository.ts';
import { hashSecret, prefixOf, secretMatches } from '../resources/credentials/secrets.ts';

/** Who may call a route. 'platform' is the events API: the admin token or the service token. */
export type Audience = 'public' | 'developer' | 'partner' | 'admin' | 'platform';

export interface DeveloperPrincipal {
  kind: 'developer';
  developerId: string;
  keyId: string;
  tier: 'starter' | 'growth' | 'technical_partner';
}
export interface PartnerPrincipal {
  kind: 'partner';
  partnerId: string;
  tokenId: string;
}
export interface AdminPrincipal {
  kind: 'admin';
}
export interface ServicePrincipal {
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

const invalid = (what: string) => new AppError('unauthorized', `Invalid or revoked ${what}`);

export function createAuthenticator(knex: Knex, config: Config): Authenticator {
  const adminHash = config.ADMIN_TOKEN ? hashSecret(config.ADMIN_TOKEN) : undefined;
  const serviceHash = config.SERVICE_TOKEN ? hashSecret(config.SERVICE_TOKEN) : undefined;

  async function authenticate(audience: Audience, req: Request) {
    if (audience === 'public') return null;
    const header = req.headers.authorization ?? '';
    // The scheme name is case-insensitive (RFC 9110 §11.1): `bearer` is as good as `Bearer`.
    const token = /^bearer ([\x21-\x7e]{1,512})$/i.exec(header)?.[1];
    if (!token) throw new AppError('unauthorized', 'Missing credentials: send Authorization: Bearer <token>');

    if (audience === 'developer') {
      const prefix = prefixOf(token, 'ewk');
      const key = prefix ? await findApiKey(knex, prefix) : undefined;
      if (!key || !secretMatches(token, key.key_hash)) throw invalid('API key');
      return { kind: 'developer', developerId: key.developer_id, keyId: key.id, tier: key.pricing_tier };
    }
    if (audience === 'partner') {
      const prefix = prefixOf(token, 'ewp');
      const row = prefix ? await findPartnerToken(knex, prefix) : undefined;
      if (!row || !secretMatches(token, row.token_hash)) throw invalid('partner token');
      if (row.partner_status === 'terminated') throw new AppError('forbidden', 'This partner account is terminated');
      const origin = req.headers.origin;
      if (origin && !isSameOrigin(req, origin) && !row.allowed_origins.includes(origin)) {
        throw new AppError('forbidden', `Origin ${origin} is not allowed to use this partner's data`);
      }
      // CORS only now: the token is valid and its partner allows the page's origin (server/http/partner-cors.ts)
      if (origin) req.res?.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'X-Request-Id' });
      return { kind: 'partner', partnerId: row.partner_id, tokenId: row.id };
    }
    if (adminHash && secretMatches(token, adminHash)) return { kind: 'admin' };
    if (audience === 'platform' && serviceHash && secretMatches(token, serviceHash)) return { kind: 'service' };
    throw invalid(audience === 'admin' ? 'admin token' : 'admin or service token');
  }
  return authenticate as Authenticator;
}

function isSameOrigin(req: Request, origin: string): boolean {
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
