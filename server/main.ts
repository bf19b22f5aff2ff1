import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { type Database, migrateLatest, openDatabase } from './db/database.ts';
import { createLogger } from './logger.ts';
import { installProcessHandlers, type Resource } from './process.ts';
import { connectRedis, type RedisClient, RedisUnavailableError } from './redis.ts';
import { demoCredentials } from './seed/demo-credentials.ts';
import { seedDemoData } from './seed/demo-data.ts';

/** The process: read configuration, open and prepare the database, listen, shut down cleanly. */
let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger(config.LOG_LEVEL);
let redis: RedisClient | undefined;
if (config.REDIS_URL) {
  try {
    redis = await connectRedis({ url: config.REDIS_URL, logger });
  } catch (error) {
    if (error instanceof RedisUnavailableError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
let db: Database;
try {
  db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolMax: config.DB_POOL_MAX,
    acquireTimeoutMs: config.DB_ACQUIRE_TIMEOUT_MS,
    logger,
  });
} catch (error) {
  if (error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
const applied = await migrateLatest(db.knex);
if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');

let demo: Awaited<ReturnType<typeof demoCredentials>> | undefined;
if (config.SEED_DEMO) {
  if (!(await db.knex('businesses').first('id'))) {
    const started = performance.now();
    await seedDemoData(db.knex, { businesses: 2_000 });
    logger.info({ ms: Math.round(performance.now() - started) }, 'demo data seeded');
  }
  if (!config.DATABASE_URL) demo = await demoCredentials(db.knex, `${config.DATA_DIR}-demo-credentials.json`);
}

if (!config.ADMIN_TOKEN) {
  config = { ...config, ADMIN_TOKEN: `ew_admin_${randomBytes(24).toString('base64url')}` };
  process.stdout.write(`No ADMIN_TOKEN set: this run's admin token is ${config.ADMIN_TOKEN}\n`);
}

const app = createApp({ config, db, logger, redis });
const server = app.listen(config.PORT, config.HOST, () => {
  const { port } = server.address() as AddressInfo;
  const where = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${config.DATA_DIR}`;
  const url = `http://${config.HOST}:${port}`;
  process.stdout.write(`Ecosystem Widgets listening on ${url} (${where})\n`);
  process.stdout.write(`  API reference: ${url}/docs\n`);
  if (demo) {
    process.stdout.write(`  Demo partner token (${demo.partner.directory_name}): ${demo.partner.token}\n`);
    process.stdout.write(`  Demo developer API key (${demo.developer.name}): ${demo.developer.api_key}\n`);
    process.stdout.write(`  (kept in ${config.DATA_DIR}-demo-credentials.json)\n`);
  }
});

const resources: Resource[] = [{ name: 'database', close: () => db.close() }];
if (redis) {
  const client = redis;
  // a client that is reconnecting has nothing to wait for: drop it
  resources.push({ name: 'redis', close: async () => (client.isReady ? client.close() : client.destroy()) });
}
installProcessHandlers({ server, resources, logger, timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
