import { z } from 'zod';
import { Timestamp } from '../../http/schemas.ts';
import { type SessionAudience, scopesOf } from './scopes.ts';

/** An exact web origin as browsers send it in `Origin`: scheme://host[:port], nothing more. */
export const ExactOrigin = z
  .string()
  .max(300)
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) && new URL(value).origin === value, {
    message: 'must be an exact origin such as https://example.com (http or https, lowercase host, no path, no trailing slash)',
  })
  .meta({ example: 'https://dir.example' });

/** At most this many origins per account: a page is one origin, a partner has a handful of sites. */
export const MAX_ALLOWED_ORIGINS = 20;

export const AllowedOriginsBody = z
  .object({
    allowed_origins: z
      .array(ExactOrigin)
      .max(MAX_ALLOWED_ORIGINS, `at most ${MAX_ALLOWED_ORIGINS} origins`)
      .transform((origins) => [...new Set(origins)]),
  })
  .strict();

export const AllowedOrigins = z
  .object({
    allowed_origins: z.array(z.string()).meta({ description: 'Origins whose pages may use embed sessions of this account' }),
  })
  .meta({ id: 'AllowedOrigins' });

export const DEFAULT_TTL_SECONDS = 900;

export function MintBody(audience: SessionAudience) {
  return z
    .object({
      origin: ExactOrigin.meta({ description: 'The origin of the page that will use the session; it must be on the account’s allowlist' }),
      scopes: z
        .array(z.enum(scopesOf(audience)))
        .max(20)
        .optional()
        .meta({ description: `Scopes beyond read (read is always granted). Known: ${scopesOf(audience).join(', ')}` }),
      ttl_seconds: z.number().int().min(60).max(3600).default(DEFAULT_TTL_SECONDS).meta({ description: 'Lifetime in seconds (60–3600, default 900)' }),
    })
    .strict();
}

export const EmbedSession = z
  .object({
    client_secret: z.string().meta({ description: 'The ews_… secret for the page; send it as Authorization: Bearer from that origin only' }),
    origin: z.string(),
    scopes: z.array(z.string()),
    expires_at: Timestamp,
    expires_in: z.number().int().meta({ description: 'Seconds until expires_at' }),
  })
  .meta({ id: 'EmbedSession' });
