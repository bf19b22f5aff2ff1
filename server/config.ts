import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { toCents } from './money.ts';

const PACKAGE_VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

/** The program's hold period unless HOLD_PERIOD_DAYS says otherwise (DESIGN §9). */
export const DEFAULT_HOLD_PERIOD_DAYS = 30;

const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a CIDR, or one of Express's named ranges (loopback, linklocal, uniquelocal). */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

/** TRUST_PROXY as Express's 'trust proxy' setting; `true` (believe anyone) is refused on purpose. */
function parseTrustProxy(raw: string | undefined, ctx: z.RefinementCtx): false | number | string[] {
  if (raw === undefined || raw === 'false' || raw === '0') return false;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isProxyAddress(entry));
  if (bad.length === 0) return entries;
  ctx.addIssue({
    code: 'custom',
    message:
      raw === 'true'
        ? "true would believe any client's X-Forwarded-For; give a hop count or the proxies' addresses"
        : `must be false, a hop count, or comma-separated addresses/CIDRs (not ${bad.map((b) => JSON.stringify(b)).join(', ')})`,
  });
  return z.NEVER;
}

/** Every setting the server reads from the environment, validated once at start-up. */
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('.data/pglite'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  SERVICE_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  SEED_DEMO: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Per-IP limit on every /v1 request, whatever its audience. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1_200),
  /** Per-IP limit on failed authentications (401s); past it, 429 before any credential lookup. */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** The server's public address (http or https), for absolute URLs in host pages; https also turns on HSTS. */
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .optional()
    .transform((v) => v?.replace(/\/+$/, '')),
  /** How long a process remembers a verified developer API key (0: read it on every call); a revocation elsewhere takes effect within it. */
  API_KEY_CACHE_MS: z.coerce.number().int().min(0).max(10_000).default(1_000),
  /** How long a page of the data pool may be served from memory (0 turns the cache off); every call is still metered. */
  DATA_POOL_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /** How long a public aggregate may be served from memory (0 turns the cache off). */
  PUBLIC_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /** The version in immutable widget URLs (/widgets/v<version>/…). */
  WIDGETS_VERSION: z
    .string()
    .regex(/^[\w.-]+$/)
    .default(PACKAGE_VERSION),
  SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).default(15_000),
  /** Live streams one client address may hold open at once (past it, 429 with Retry-After). */
  STREAMS_PER_CLIENT: z.coerce.number().int().min(1).max(1_000).default(5),
  /** Stream reconnects with Last-Event-ID (each replays entries) one client address may make per minute (past it, 429). */
  STREAM_REPLAYS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** How often each process writes the data pool's metered calls it has counted (and at shutdown). */
  METER_FLUSH_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  /** How long a client may take to send a request's headers, then its whole request (408 past either). */
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(10_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
  /** Open connections the server accepts at once (live streams included); those past it are closed. */
  MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
  /** Which proxies' X-Forwarded-For to believe: false (none), a hop count, or their addresses/CIDRs. */
  TRUST_PROXY: z.string().trim().optional().transform(parseTrustProxy),
  /** When set, rate limits are counted in this Redis, so they hold across every process. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /** Prefix of every key this server writes to Redis (several deployments may share one Redis). */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,100}$/, 'letters, digits, and . : _ - only (at most 100)')
    .default('ew:'),
  /** Connections to PostgreSQL per process (DATABASE_URL only; the embedded database has one). */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(1_000).default(10),
  /** How long a request waits for a free connection when every one is busy, before 503 database_busy. */
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** PostgreSQL statement_timeout of every connection; the driver also gives up on an answer a second later. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  /** PostgreSQL: how often the live feed's listening session is checked; a silent one is reopened. */
  LISTEN_CHECK_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Days a new earning stays pending before it is approved (and can be paid out). */
  HOLD_PERIOD_DAYS: z.coerce.number({ error: 'must be a whole number of days' }).int().min(0).max(365).default(DEFAULT_HOLD_PERIOD_DAYS),
  /** The smallest approved balance a payout run pays out. */
  PAYOUT_MINIMUM: z
    .string()
    .regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be a decimal amount such as "50.00" (at most two decimal places)')
    .refine((value) => Number(value) > 0, 'must be greater than zero')
    .transform(toCents)
    .default('50.00'),
  /** The day of the month payout runs are planned for (1-28): the next payout date beneficiaries see. */
  PAYOUT_DAY_OF_MONTH: z.coerce.number({ error: 'must be a day of the month' }).int().min(1).max(28).default(1),
  /** Fraud signal: refunds above this share of a partner's referred revenue in the trailing window hold its new earnings. */
  FRAUD_REFUND_SHARE: z
    .string()
    .regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, 'must be a share between 0 and 1 such as "0.25" (at most four decimal places)')
    .default('0.25'),
  /** The trailing window, in days before a refund, whose payments the refund share is taken over. */
  FRAUD_REFUND_WINDOW_DAYS: z.coerce.number({ error: 'must be a whole number of days' }).int().min(1).max(365).default(90),
  /** The fewest commission-earning payments in the window before the refund share is judged at all. */
  FRAUD_REFUND_MIN_PAYMENTS: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(10_000).default(5),
  /** Fraud signal: a day's conversions more than this many times the partner's trailing daily median… */
  FRAUD_BURST_FACTOR: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(1000).default(5),
  /** …and at least this many conversions that day. */
  FRAUD_BURST_MIN_CONVERSIONS: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(100_000).default(10),
  /** The days before a conversion's day whose daily conversion counts (zeros included) give the partner's median. */
  FRAUD_BURST_BASELINE_DAYS: z.coerce.number({ error: 'must be a whole number of days' }).int().min(1).max(365).default(28),
  /** The platform currency (ISO 4217): every money figure is in it, and the API states it as `currency`. */
  CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code of three upper-case letters, such as USD')
    .refine((code) => Intl.supportedValuesOf('currency').includes(code), 'is not an ISO 4217 currency code')
    .default('USD'),
});

export type Config = Omit<z.infer<typeof ConfigSchema>, 'SEED_DEMO'> & { SEED_DEMO: boolean };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment; throws one ConfigError that lists every bad variable. A command-line
 * tool (`tool`) that serves no API needs no admin token.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, purpose: 'server' | 'tool' = 'server'): Config {
  const blankToUndefined = Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]));
  const result = ConfigSchema.safeParse(blankToUndefined);
  if (result.success) {
    const data = result.data;
    // A token made up at start-up is only for the embedded demo database, never a real one.
    const needsAdminToken = [data.NODE_ENV === 'production' && 'NODE_ENV=production', data.DATABASE_URL && 'DATABASE_URL is set'].filter(Boolean);
    if (data.HEADERS_TIMEOUT_MS > data.REQUEST_TIMEOUT_MS) {
      throw new ConfigError('Invalid configuration:\n  HEADERS_TIMEOUT_MS: must not exceed REQUEST_TIMEOUT_MS');
    }
    if (purpose === 'server' && !data.ADMIN_TOKEN && needsAdminToken.length > 0) {
      throw new ConfigError(`Invalid configuration:\n  ADMIN_TOKEN: required when ${needsAdminToken.join(' or ')}`);
    }
    // demo data by default only in the embedded database outside production: a DATABASE_URL
    // database is seeded only when SEED_DEMO=true says so
    return { ...data, SEED_DEMO: data.SEED_DEMO ?? (data.NODE_ENV !== 'production' && !data.DATABASE_URL) };
  }
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
