import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { type Database, migrateLatest, openDatabase } from './db/database.ts';
import { createLogger } from './logger.ts';
import { installProcessHandlers, listenProblem, type Resource } from './process.ts';
import { connectRedis, type RedisClient, RedisUnavailableError } from './redis.ts';
import { usageMeterOf } from './resources/usage/usage-meter.ts';
import { demoCredentials, localAdminToken } from './seed/demo-credentials.ts';
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

// Listen first, so a port in use is reported before any database work; until the app is ready
// every request gets 503 (a load balancer's readiness check sees "not yet").
let handle: RequestListener = (_req, res) => {
  res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '2' });
  res.end(JSON.stringify({ error: { code: 'starting', message: 'The server is starting; retry in a moment' } }));
};
const server = createServer(
  {
    // a client gets this long to send its headers, and its whole request (a response, such as a
    // live stream, may last longer); both are checked every second
    headersTimeout: config.HEADERS_TIMEOUT_MS,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: 1_000,
  },
  (req, res) => handle(req, res),
);
// connections past the cap are closed at once, before they can use memory or a descriptor for long
server.maxConnections = config.MAX_CONNECTIONS;
try {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
} catch (error) {
  process.stderr.write(`${listenProblem(error as NodeJS.ErrnoException, config.HOST, config.PORT)}\n`);
  process.exit(1);
}
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
let applied: string[] = [];
if (config.DATABASE_URL) {
  // migrations may take longer than a request's statement timeout: their own connection has none
  const migrator = await openDatabase({ databaseUrl: config.DATABASE_URL, poolMax: 1, logger });
  try {
    applied = await migrateLatest(migrator.knex);
  } finally {
    await migrator.close();
  }
}
let db: Database;
try {
  db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolMax: config.DB_POOL_MAX,
    acquireTimeoutMs: config.DB_ACQUIRE_TIMEOUT_MS,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    listenCheckMs: config.LISTEN_CHECK_MS,
    logger,
  });
} catch (error) {
  if (error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
if (!config.DATABASE_URL) applied = await migrateLatest(db.knex);
if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');

/** Secrets of the embedded database (demo credentials, a made-up admin token): kept here, never printed. */
const credentialsFile = `${config.DATA_DIR}-demo-credentials.json`;
let keptSecrets = false;
if (config.SEED_DEMO) {
  if (!(await db.knex('businesses').first('id'))) {
    const started = performance.now();
    await seedDemoData(db.knex, { businesses: 2_000, holdDays: config.HOLD_PERIOD_DAYS });
    logger.info({ ms: Math.round(performance.now() - started) }, 'demo data seeded');
  }
  if (!config.DATABASE_URL) {
    await demoCredentials(db.knex, credentialsFile);
    keptSecrets = true;
  }
}

if (!config.ADMIN_TOKEN) {
  // only the embedded database gets here: with DATABASE_URL or in production the config requires one
  config = { ...config, ADMIN_TOKEN: localAdminToken(credentialsFile) };
  keptSecrets = true;
}

const app = createApp({ config, db, logger, redis });
handle = app;
const { port } = server.address() as AddressInfo;
const where = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${config.DATA_DIR}`;
const url = `http://${config.HOST}:${port}`;
// one write, so a reader that waits for the first line has the rest too
process.stdout.write(
  `Ecosystem Widgets listening on ${url} (${where})\n  API reference: ${url}/docs\n` +
    (keptSecrets ? `  Admin token and demo credentials: in ${credentialsFile} (readable by you only)\n` : ''),
);

// the metered calls counted in this process are written before the database closes
const resources: Resource[] = [
  { name: 'usage meter', close: () => usageMeterOf(app).close() },
  { name: 'database', close: () => db.close() },
];
if (redis) {
  const client = redis;
  // a client that is reconnecting has nothing to wait for: drop it
  resources.push({ name: 'redis', close: async () => (client.isReady ? client.close() : client.destroy()) });
}
installProcessHandlers({ server, resources, logger, timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
