import { readFileSync } from 'node:fs';
import { z } from 'zod';

const PACKAGE_VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

/** Every setting the server reads from the environment, validated once at start-up. */
const ConfigSchema = z.object({
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
  SEED_DEMO: z.enum(['true', 'false']).optional().transform((v) => v === undefined ? undefined : v === 'true'),
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** How long a public aggregate may be served from memory (0 turns the cache off). */
  PUBLIC_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /** The version in immutable widget URLs (/widgets/v<version>/…). */
  WIDGETS_VERSION: z.string().regex(/^[\w.-]+$/).default(PACKAGE_VERSION),
  SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).default(15_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

export type Config = Omit<z.infer<typeof ConfigSchema>, 'SEED_DEMO'> & { SEED_DEMO: boolean };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws one ConfigError that lists every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankToUndefined = Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]),
  );
  const result = ConfigSchema.safeParse(blankToUndefined);
  if (result.success) {
    const data = result.data;
    if (data.NODE_ENV === 'production' && !data.ADMIN_TOKEN) {
      throw new ConfigError('Invalid configuration:\n  ADMIN_TOKEN: required when NODE_ENV=production');
    }
    // demo data by default everywhere but production
    return { ...data, SEED_DEMO: data.SEED_DEMO ?? data.NODE_ENV !== 'production' };
  }
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
