import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import type { Logger } from '../logger.ts';
import { lockDataDir, restrictDataDir } from './data-dir-lock.ts';

/** True when this module runs from the TypeScript sources (tsx), false in the compiled server. */
const FROM_SOURCES = new URL(import.meta.url).pathname.endsWith('.ts');

/**
 * The folder of migration files this process runs: `migrations/*.ts` from the sources; in the
 * compiled server (`npm run build`, every server module bundled into dist/server/main.js) their
 * compiled copies, one file per migration, in dist/server/migrations.
 */
export const MIGRATIONS_DIR = fileURLToPath(new URL(FROM_SOURCES ? '../../migrations' : './migrations', import.meta.url));

export type Dialect = 'pglite' | 'postgres';

/** The columns of a row to insert: any of them, each possibly left to its default (undefined). */
export type Insert<Row> = { [K in keyof Row]?: Row[K] | undefined };

export type ListenState = 'up' | 'down' | 'idle';

/** A notification handler; the payload is the raw NOTIFY text. */
export type NotificationHandler = (payload: string) => void;

export interface Database {
  readonly knex: Knex;
  readonly dialect: Dialect;
  /** The embedded instance, when the dialect is 'pglite'. */
  readonly pglite?: PGlite;
  /**
   * Subscribes to a PostgreSQL NOTIFY channel; resolves to an unsubscribe function. A lost
   * listening session is re-established by itself; `onReconnect` then lets the caller fetch
   * what was notified while it was away.
   */
  listen(channel: string, handler: NotificationHandler, onReconnect?: () => void): Promise<() => Promise<void>>;
  /**
   * The state of the listening sessions: 'idle' when nothing was ever listened to, 'down' while a
   * session is lost (or failed its liveness check) and not yet re-established, 'up' otherwise.
   */
  listening(): ListenState;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; absent means in memory. */
  dataDir?: string | undefined;
  /** Start the in-memory PGlite from a dumped data folder (tests reuse a migrated template). */
  loadDataDir?: Blob | undefined;
  /** PostgreSQL connections in the pool (default 10). */
  poolMax?: number | undefined;
  /**
   * How long a query waits for a pooled connection while all are busy (default 30 s). A server
   * that cannot be reached fails sooner: opening a connection gives up after a second.
   */
  acquireTimeoutMs?: number | undefined;
  /**
   * PostgreSQL only: the server cancels a statement running longer (statement_timeout), and the
   * driver gives up on an answer that has not come a second after that (a network that swallows
   * packets). Absent: no limit (migrations and the seed tool).
   */
  statementTimeoutMs?: number | undefined;
  /**
   * PostgreSQL only: how often each listening session is checked with a query (default 5 s); a
   * session that does not answer within the interval (at most 2 s) is dropped and reopened.
   */
  listenCheckMs?: number | undefined;
  /** Where the driver's own warnings go; silent when absent. */
  logger?: Logger | undefined;
}

// Shared type handling for both drivers: counts as numbers, NUMERIC as exact strings, DATE as
// 'YYYY-MM-DD' (a JavaScript Date would shift it by the time zone).
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;
const parseInt8 = (value: string) => Number(value);
const keepText = (value: string) => value;

/**
 * The migrations, loaded one file at a time. knex records each applied migration by name in
 * knex_migrations; the name is always the source file's (`…_platform_tables.ts`), also when the
 * compiled server loads the `.js` copy, so a database migrated by either server is accepted by the
 * other: nothing is reported missing ("migration directory is corrupt") and nothing runs twice.
 */
const migrationFiles: Knex.MigrationSource<string> = {
  async getMigrations() {
    const extension = FROM_SOURCES ? '.ts' : '.js';
    return readdirSync(MIGRATIONS_DIR)
      .filter((file) => file.endsWith(extension) && !file.endsWith('.d.ts'))
      .sort();
  },
  getMigrationName: (file) => file.replace(/\.js$/, '.ts'),
  getMigration: async (file) => import(pathToFileURL(join(MIGRATIONS_DIR, file)).href) as Promise<Knex.Migration>,
};

// no `directory` here: knex would then list the folder itself and ignore migrationSource
const migrations: Knex.MigratorConfig = {
  migrationSource: migrationFiles,
  tableName: 'knex_migrations',
};

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

function knexLog(logger: Logger | undefined): Knex.Logger {
  const write = (level: 'warn' | 'error' | 'debug') => (message: unknown) => logger?.[level]({ knex: message }, 'knex');
  return { warn: write('warn'), error: write('error'), debug: write('debug'), deprecate: write('warn') };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const release = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  let pglite: PGlite;
  try {
    // owner-only, before and after PGlite writes (it creates files as the umask allows)
    if (options.dataDir) restrictDataDir(options.dataDir);
    pglite = await PGlite.create(options.dataDir, {
      parsers: { [INT8]: parseInt8, [DATE]: keepText, [NUMERIC]: keepText },
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    if (options.dataDir) restrictDataDir(options.dataDir);
  } catch (error) {
    release();
    throw error;
  }
  const knex = knexFactory({
    client: ClientPgLite as unknown as typeof knexFactory.Client,
    connection: { pglite } as Knex.StaticConnectionConfig,
    migrations,
    log: knexLog(options.logger),
  });
  let listened = false;
  return {
    knex,
    dialect: 'pglite',
    pglite,
    listening: () => (listened ? 'up' : 'idle'),
    async listen(channel, handler) {
      const unlisten = await pglite.listen(channel, handler);
      listened = true;
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
    async close() {
      try {
        await knex.destroy(); // closes the PGlite instance, the pool's only connection
        if (!pglite.closed) await pglite.close();
      } finally {
        release();
      }
    },
  };
}

const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8) return parseInt8;
    if (oid === DATE || oid === NUMERIC) return keepText;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

async function openPostgres(
  databaseUrl: string,
  { poolMax = 10, acquireTimeoutMs = 30_000, statementTimeoutMs, listenCheckMs = 5_000, logger }: DatabaseOptions,
): Promise<Database> {
  const timeouts = statementTimeoutMs ? { statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs + 1_000 } : {};
  const knex = knexFactory({
    client: 'pg',
    // a server that does not answer fails a request within a second instead of hanging it
    connection: { connectionString: databaseUrl, types: pgTypes, connectionTimeoutMillis: 1_000, keepAlive: true, ...timeouts } as Knex.PgConnectionConfig,
    pool: {
      min: 0,
      max: poolMax,
      afterCreate: (connection: pg.Client, done: (error: Error | null, connection: pg.Client) => void) => {
        discardOnReadTimeout(connection);
        done(null, connection);
      },
    },
    acquireConnectionTimeout: acquireTimeoutMs,
    migrations,
    log: knexLog(logger),
  });
  const subscriptions = new Set<Listening>();
  let listened = false;
  return {
    knex,
    dialect: 'postgres',
    listening() {
      if (!listened) return 'idle';
      for (const subscription of subscriptions) if (!subscription.alive()) return 'down';
      return 'up';
    },
    async listen(channel, handler, onReconnect) {
      const subscription = await listenWithReconnect(databaseUrl, channel, handler, onReconnect, listenCheckMs, logger);
      listened = true;
      subscriptions.add(subscription);
      return async () => {
        subscriptions.delete(subscription);
        await subscription.stop();
      };
    },
    async close() {
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      subscriptions.clear();
      await knex.destroy();
    },
  };
}

const RELISTEN_DELAY_MS = 1_000;
/** Keep-alive probes start after this much silence on a listening session. */
const LISTEN_KEEPALIVE_MS = 3_000;
/** How long closing a listening session waits for a graceful end before destroying its socket. */
const LISTEN_CLOSE_GRACE_MS = 1_000;

interface Listening {
  /** True while the session is connected and answered its last liveness check. */
  alive(): boolean;
  stop(): Promise<void>;
}

/** Drops a session at once: its socket is destroyed, nothing waits for the server. */
function destroyClient(client: pg.Client): void {
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}

/**
 * A pooled connection whose answer never came (the driver's query_timeout) is destroyed, so the
 * pool discards it instead of queueing the next query behind the lost one.
 */
function discardOnReadTimeout(client: pg.Client): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: Error | undefined, result: unknown) => {
        if (error?.message === 'Query read timeout') destroyClient(client);
        callback(error, result);
      };
    }
    return query(...args);
  };
}

/** Ends a session gracefully, or destroys it when the server does not answer within the grace. */
async function endClient(client: pg.Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, LISTEN_CLOSE_GRACE_MS);
  });
  await Promise.race([client.end().catch(() => {}), grace]);
  clearTimeout(timer);
  destroyClient(client);
}

/**
 * LISTEN needs a dedicated session (a pooled connection would be handed to other queries). The
 * session is checked with `SELECT 1` every `checkMs`; one that does not answer in time (a network
 * that swallows packets leaves the socket open and silent) is destroyed like one that dropped.
 * A lost session is reopened every second until that succeeds, then `onReconnect` runs.
 */
async function listenWithReconnect(
  databaseUrl: string,
  channel: string,
  handler: NotificationHandler,
  onReconnect: (() => void) | undefined,
  checkMs: number,
  logger: Logger | undefined,
): Promise<Listening> {
  const checkTimeoutMs = Math.max(100, Math.min(2_000, checkMs));
  let current: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let checking = false;
  let stopped = false;

  const drop = (client: pg.Client, reason: string) => {
    if (client !== current || stopped) return;
    current = undefined;
    destroyClient(client);
    logger?.warn({ channel, reason }, 'listening session lost; reconnecting');
    schedule();
  };

  const connect = async (): Promise<void> => {
    const client = new pg.Client({
      connectionString: databaseUrl,
      connectionTimeoutMillis: 1_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: LISTEN_KEEPALIVE_MS,
      query_timeout: checkTimeoutMs,
    });
    client.on('error', () => drop(client, 'error'));
    client.on('end', () => drop(client, 'end'));
    client.on('notification', (message) => {
      if (message.channel === channel) handler(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      destroyClient(client);
      throw error;
    }
    if (stopped) {
      await endClient(client);
      return;
    }
    current = client;
  };
  const schedule = () => {
    if (stopped || retry) return;
    retry = setTimeout(async () => {
      retry = undefined;
      try {
        await connect();
        logger?.info({ channel }, 'listening again');
        onReconnect?.();
      } catch {
        schedule();
      }
    }, RELISTEN_DELAY_MS);
    retry.unref();
  };
  const check = async () => {
    const client = current;
    if (!client || checking || stopped) return;
    checking = true;
    try {
      await client.query('SELECT 1'); // the client's query_timeout bounds it
    } catch {
      drop(client, 'no answer to the liveness check');
    } finally {
      checking = false;
    }
  };
  const checker = setInterval(() => void check(), checkMs);
  checker.unref();

  try {
    await connect();
  } catch (error) {
    clearInterval(checker);
    throw error;
  }
  return {
    alive: () => current !== undefined,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      clearInterval(checker);
      const client = current;
      current = undefined;
      if (client) await endClient(client);
    },
  };
}

/** Runs every pending migration; returns the names applied. */
export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest()) as [number, string[]];
  return applied;
}
