import { PGlite } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger.ts';
import { lockDataDir } from './data-dir-lock.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export type Dialect = 'pglite' | 'postgres';

/** A notification handler; the payload is the raw NOTIFY text. */
export type NotificationHandler = (payload: string) => void;

export interface Database {
  readonly knex: Knex;
  readonly dialect: Dialect;
  /** The embedded instance, when the dialect is 'pglite'. */
  readonly pglite?: PGlite;
  /** Subscribes to a PostgreSQL NOTIFY channel; resolves to an unsubscribe function. */
  listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder; absent means in memory. */
  dataDir?: string;
  /** Start the in-memory PGlite from a dumped data folder (tests reuse a migrated template). */
  loadDataDir?: Blob;
  poolMax?: number;
  /** Where the driver's own warnings go; silent when absent. */
  logger?: Logger;
}

// Shared type handling for both drivers: counts as numbers, NUMERIC as exact strings, DATE as
// 'YYYY-MM-DD' (a JavaScript Date would shift it by the time zone).
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;
const parseInt8 = (value: string) => Number(value);
const keepText = (value: string) => value;

const migrations: Knex.MigratorConfig = {
  directory: MIGRATIONS_DIR,
  loadExtensions: ['.ts'],
  tableName: 'knex_migrations',
};

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolMax ?? 10, options.logger) : openPglite(options);
}

function knexLog(logger: Logger | undefined): Knex.Config['log'] {
  const write = (level: 'warn' | 'error' | 'debug') => (message: unknown) => logger?.[level]({ knex: message }, 'knex');
  return { warn: write('warn'), error: write('error'), debug: write('debug'), deprecate: write('warn') };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const release = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(options.dataDir, {
      parsers: { [INT8]: parseInt8, [DATE]: keepText, [NUMERIC]: keepText },
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
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
  return {
    knex,
    dialect: 'pglite',
    pglite,
    async listen(channel, handler) {
      const unlisten = await pglite.listen(channel, handler);
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

async function openPostgres(databaseUrl: string, poolMax: number, logger?: Logger): Promise<Database> {
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString: databaseUrl, types: pgTypes } as Knex.PgConnectionConfig,
    pool: { min: 0, max: poolMax },
    acquireConnectionTimeout: 5_000,
    migrations,
    log: knexLog(logger),
  });
  const listeners = new Set<pg.Client>();
  return {
    knex,
    dialect: 'postgres',
    async listen(channel, handler) {
      // LISTEN needs a dedicated session: a pooled connection would be handed to other queries.
      const client = new pg.Client({ connectionString: databaseUrl });
      client.on('error', () => {}); // a dropped session is reported by the caller's health checks
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) handler(message.payload ?? '');
      });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listeners.add(client);
      return async () => {
        listeners.delete(client);
        await client.end().catch(() => {});
      };
    },
    async close() {
      await Promise.all([...listeners].map((client) => client.end().catch(() => {})));
      listeners.clear();
      await knex.destroy();
    },
  };
}

/** Runs every pending migration; returns the names applied. */
export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest()) as [number, string[]];
  return applied;
}
