import { randomBytes } from 'node:crypto';
import { createApp } from '../../server/app.ts';
import type { Clock } from '../../server/clock.ts';
import { type Config, loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';
import { createLogger } from '../../server/logger.ts';

/** A test's own app over its own database, with a silent logger and a fresh admin token (and, if given, its own clock). */
export function testApp(db: Database, overrides: Partial<Config> = {}, clock?: Clock) {
  const config: Config = {
    // no micro-caches: tests read their own writes at once (test/api/micro-cache.test.ts and
    // test/api/data-pool-caches.test.ts cover them); verified keys are remembered as in production
    // every test's requests come from one address: the /v1 and failed-authentication limits are
    // out of the way unless a test sets them (test/api/abuse-limits.test.ts)
    ...loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PUBLIC_CACHE_MS: '0',
      DATA_POOL_CACHE_MS: '0',
      API_RATE_LIMIT_PER_MINUTE: '1000000000',
      AUTH_FAILURES_PER_MINUTE: '1000000000',
    }),
    ADMIN_TOKEN: `test_admin_${randomBytes(16).toString('hex')}`,
    SERVICE_TOKEN: `test_service_${randomBytes(16).toString('hex')}`,
    ...overrides,
  };
  const logger = createLogger(config.LOG_LEVEL);
  return { app: createApp({ config, db, logger, ...(clock ? { clock } : {}) }), config };
}
