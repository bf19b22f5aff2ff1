import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildServer } from '../scripts/build-server.ts';
import { MIGRATIONS_DIR, migrateLatest, openDatabase } from '../server/db/database.ts';

/**
 * The compiled server (the server part of `npm run build`) run by plain `node`, as production
 * runs it: no TypeScript loader, NODE_ENV=production. Built into a temporary folder laid out like
 * the real one (`<tmp>/dist/server`, `<tmp>/dist/widgets`), with the project's node_modules
 * linked beside it, and started from that folder.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ADMIN_TOKEN = 'test_admin_token_for_the_compiled_server';
const SOURCE_MIGRATIONS = readdirSync(MIGRATIONS_DIR)
  .filter((file) => file.endsWith('.ts'))
  .sort();

let tmp: string;
let dist: string;
let externals: string[];
const children = new Set<Child>();

interface Child {
  readonly base: string;
  /** SIGTERM, then resolves once the process is gone (the data folder's lock released). */
  stop(): Promise<void>;
}

/** What the compiled server sees: only these variables, nothing from the test run. */
function serverEnv(dataDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    ADMIN_TOKEN,
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
  };
}

/** Starts `node dist/server/main.js` and resolves with the address it prints once listening. */
async function startCompiled(dataDir: string): Promise<Child> {
  const child = spawn(process.execPath, ['--enable-source-maps', join(dist, 'server', 'main.js')], {
    cwd: tmp,
    env: serverEnv(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const found = /listening on (http:\/\/[\d.]+:\d+)/.exec(printed);
      if (found) resolve(found[1]!);
    });
    void exited.then(() => reject(new Error(`the compiled server exited before listening:\n${printed}`)));
  });
  const started: Child = {
    base,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      children.delete(started);
    },
  };
  children.add(started);
  return started;
}

/** The rows knex keeps of applied migrations, in the order they were applied. */
async function recordedMigrations(dataDir: string): Promise<Array<[name: string, batch: number]>> {
  const db = await openDatabase({ dataDir });
  try {
    const rows: Array<{ name: string; batch: number }> = await db.knex('knex_migrations').orderBy('id').select('name', 'batch');
    return rows.map((row) => [row.name, row.batch]);
  } finally {
    await db.close();
  }
}

const eachOnce = SOURCE_MIGRATIONS.map((name): [string, number] => [name, 1]);

describe('the compiled server', { timeout: 300_000 }, () => {
  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'ew-server-build-'));
    dist = join(tmp, 'dist');
    externals = await buildServer(dist);
    symlinkSync(join(ROOT, 'node_modules'), join(tmp, 'node_modules'), 'dir');
    mkdirSync(join(dist, 'widgets'));
    writeFileSync(join(dist, 'widgets', 'probe-element.js'), 'export {};\n');
  });

  after(async () => {
    await Promise.all([...children].map((child) => child.stop()));
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('imports only Node modules and production dependencies: no TypeScript loader, no dev tool', () => {
    const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const packageOf = (specifier: string) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');
    const outside = externals.filter(
      (specifier) => !specifier.startsWith('node:') && !builtinModules.includes(specifier) && !(packageOf(specifier) in dependencies),
    );
    assert.deepEqual(outside, []);
    assert.ok(!('tsx' in dependencies), 'tsx is a devDependency: production runs compiled JavaScript');
    assert.deepEqual(
      readdirSync(join(dist, 'server', 'migrations')).filter((file) => file.endsWith('.js')),
      SOURCE_MIGRATIONS.map((file) => file.replace(/\.ts$/, '.js')),
      'one compiled file per migration',
    );
  });

  it('starts on a fresh database, migrates it from the compiled files, and answers /healthz, /readyz, /openapi.json, assets and widgets', async () => {
    const dataDir = join(tmp, 'fresh');
    const server = await startCompiled(dataDir);
    try {
      const healthz = await fetch(`${server.base}/healthz`);
      assert.equal(healthz.status, 200);
      const readyz = await fetch(`${server.base}/readyz`);
      assert.equal(readyz.status, 200);
      assert.deepEqual(await readyz.json(), { status: 'ready', database: 'pglite' });
      const openapi = await fetch(`${server.base}/openapi.json`);
      assert.equal(openapi.status, 200);
      assert.match(((await openapi.json()) as { openapi: string }).openapi, /^3\./);
      // the bundle resolves the host pages' assets and <dist>/widgets from dist/server
      assert.equal((await fetch(`${server.base}/assets/pages.css`)).status, 200);
      assert.equal((await fetch(`${server.base}/docs/swagger-ui-bundle.js`)).status, 200, "Swagger UI's files for the API reference");
      assert.equal((await fetch(`${server.base}/widgets/probe-element.js`)).status, 200);
      const admin = await fetch(`${server.base}/v1/admin/revenue`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      assert.equal(admin.status, 200, 'the migrated schema serves a database-backed route');
    } finally {
      await server.stop();
    }

    // recorded under the sources' names, so the TypeScript sources find nothing to do
    assert.deepEqual(await recordedMigrations(dataDir), eachOnce);
    const db = await openDatabase({ dataDir });
    try {
      assert.deepEqual(await migrateLatest(db.knex), [], 'the tsx path applies nothing the compiled server applied');
    } finally {
      await db.close();
    }
    assert.deepEqual(await recordedMigrations(dataDir), eachOnce);
  });

  it('accepts a database migrated through the TypeScript sources without running anything again', async () => {
    const dataDir = join(tmp, 'from-sources');
    const db = await openDatabase({ dataDir });
    try {
      assert.deepEqual(await migrateLatest(db.knex), SOURCE_MIGRATIONS);
    } finally {
      await db.close();
    }

    const migrate = await promisify(execFile)(process.execPath, [join(dist, 'server', 'migrate.js')], { cwd: tmp, env: serverEnv(dataDir) });
    assert.equal(migrate.stdout.trim(), 'Already up to date', 'the compiled db:migrate');

    const server = await startCompiled(dataDir);
    try {
      assert.equal((await fetch(`${server.base}/readyz`)).status, 200);
    } finally {
      await server.stop();
    }
    assert.deepEqual(await recordedMigrations(dataDir), eachOnce, 'nothing applied twice, no second batch');
  });
});
