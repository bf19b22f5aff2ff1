import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { type Database, type Dialect, MIGRATIONS_DIR, migrateLatest, openDatabase } from '../../server/db/database.ts';

/**
 * Every database test runs on the embedded PGlite and, when DATABASE_URL is set, on that
 * PostgreSQL server too. Each test file (suite) gets its own fresh, migrated database.
 */
export interface OpenOptions {
  migrate?: boolean;
}

export interface DatabaseTarget {
  name: Dialect;
  open(options?: OpenOptions): Promise<Database>;
}

export function databaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [{ name: 'pglite', open: openPgliteForTest }];
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    targets.push({ name: 'postgres', open: (options) => openPostgresForTest(url, options) });
  }
  return targets;
}

/** Declares one suite per database; `db()` is the suite's open database. */
export function describeEachDatabase(title: string, body: (db: () => Database, dialect: Dialect) => void): void {
  for (const target of databaseTargets()) {
    describe(`${title} [${target.name}]`, () => {
      let database: Database | undefined;
      before(async () => {
        database = await target.open();
      });
      after(async () => {
        await database?.close();
      });
      body(() => {
        if (!database) throw new Error('database not open yet');
        return database;
      }, target.name);
    });
  }
}

// ---- PGlite: a migrated template, dumped once per migration set and shared by every test process ----

function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  hash.update(readFileSync(new URL('../../server/db/run-sql.ts', import.meta.url)));
  return hash.digest('hex').slice(0, 16);
}

let template: Promise<Blob> | undefined;

function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const file = join(tmpdir(), `ecosystem-widgets-pglite-${migrationsHash()}.tar.gz`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const db = await openDatabase();
    try {
      await migrateLatest(db.knex);
      const dump = await db.pglite!.dumpDataDir('gzip');
      const bytes = Buffer.from(await dump.arrayBuffer());
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, bytes);
      renameSync(partial, file); // atomic: a concurrent process sees the whole file or none
      return new Blob([bytes]);
    } finally {
      await db.close();
    }
  })();
  return template;
}

async function openPgliteForTest(options: OpenOptions = {}): Promise<Database> {
  if (options.migrate === false) return openDatabase();
  return openDatabase({ loadDataDir: await migratedTemplate() });
}

// ---- PostgreSQL: a database of its own per suite on the DATABASE_URL server, dropped afterwards ----

let counter = 0;

/** Creates an empty database of its own on the DATABASE_URL server; `drop()` removes it. */
export async function createPostgresDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${new URL(url).pathname.slice(1) || 'test'}_t${process.pid}_${++counter}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return { url: own.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`) };
}

async function openPostgresForTest(url: string, options: OpenOptions = {}): Promise<Database> {
  const created = await createPostgresDatabase(url);
  const db = await openDatabase({ databaseUrl: created.url, poolMax: 20 });
  if (options.migrate !== false) await migrateLatest(db.knex);
  return {
    ...db,
    async close() {
      await db.close();
      await created.drop();
    },
  };
}
