import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys, partner tokens and embed-session client secrets: `<kind>_<prefix>_<secret>`. The prefix is stored in clear to find
 * the row; only the SHA-256 of the whole value is stored. The secrets carry 192 random bits, so a
 * fast hash is enough (no password stretching needed), and comparison is constant-time.
 */
export type SecretKind = 'ewk' | 'ewp' | 'ews';

export interface IssuedSecret {
  secret: string;
  prefix: string;
  hash: string;
}

export function issueSecret(kind: SecretKind): IssuedSecret {
  const prefix = `${kind}_${randomBytes(6).toString('base64url').replace(/[-_]/g, 'x')}`;
  const secret = `${prefix}_${randomBytes(24).toString('base64url')}`;
  return { secret, prefix, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The shape of each kind's secrets (compiled once: every authenticated request checks one). */
const SHAPES: Record<SecretKind, RegExp> = {
  ewk: /^(ewk_[A-Za-z0-9]{8})_[A-Za-z0-9_-]{32}$/,
  ewp: /^(ewp_[A-Za-z0-9]{8})_[A-Za-z0-9_-]{32}$/,
  ews: /^(ews_[A-Za-z0-9]{8})_[A-Za-z0-9_-]{32}$/,
};

/** The prefix of a presented secret, or undefined when it has the wrong shape. */
export function prefixOf(secret: string, kind: SecretKind): string | undefined {
  return SHAPES[kind].exec(secret)?.[1];
}

/** Constant-time comparison of a presented secret against a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
