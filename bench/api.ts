import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { type DatabaseOptions, migrateLatest, openDatabase } from '../server/db/database.ts';
import { insertApiKey } from '../server/resources/credentials/credentials.repository.ts';
import { issueSecret } from '../server/resources/credentials/secrets.ts';
import { seedDemoData } from '../server/seed/demo-data.ts';
import { bumpCounters } from '../server/summaries/summaries.ts';

export interface Measure {
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  non2xx: number;
}

export interface Target {
  base: string;
  /** The target's process id (its memory is read from /proc). */
  pid: number;
  /** Stops the target gracefully; resolves with what it printed after its port. */
  stop(): Promise<string>;
}

/** Starts bench/serve.ts in a child process (the load generator keeps the other core). */
export async function startTarget(env: Record<string, string | undefined>, stdin?: string): Promise<Target> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/serve.ts'], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (stdin !== undefined) child.stdin!.end(stdin);
  else child.stdin!.end();
  let printed = '';
  const port = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.stdout!.on('data', (chunk) => {
      printed += String(chunk);
      const newline = printed.indexOf('\n');
      if (newline >= 0) resolve(printed.slice(0, newline).trim());
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      return printed.slice(printed.indexOf('\n') + 1);
    },
  };
}

/** POSTs JSON to a target with a bearer token; throws on anything but a 2xx, naming the path. */
export async function postJson(base: string, token: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

export async function load(
  url: string,
  options: {
    connections: number;
    seconds: number;
    warmupSeconds: number;
    headers?: Record<string, string> | undefined;
    requests?: autocannon.Request[] | undefined;
  },
): Promise<Measure> {
  const run = (duration: number) =>
    autocannon({
      url,
      connections: options.connections,
      duration,
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.requests ? { requests: options.requests } : {}),
    });
  if (options.warmupSeconds > 0) await run(options.warmupSeconds);
  const result = await run(options.seconds);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.mean, non2xx: result.non2xx + result.errors };
}

export interface Dataset {
  env: Record<string, string | undefined>;
  businessIds: string[];
  payments: number;
  cleanup(): void;
}

/**
 * A seeded database for the bench: the embedded one in a temporary folder, or the PostgreSQL
 * database at `databaseUrl` (seeding is idempotent, so an existing data set is reused).
 */
export async function prepareDataset(businesses: number, databaseUrl?: string): Promise<Dataset> {
  const dataDir = databaseUrl ? undefined : join(mkdtempSync(join(tmpdir(), 'ew-bench-')), 'pglite');
  const options: DatabaseOptions = databaseUrl ? { databaseUrl } : { dataDir };
  const db = await openDatabase(options);
  try {
    await migrateLatest(db.knex);
    await seedDemoData(db.knex, { businesses, batchSize: 5_000 });
    const businessIds = await db.knex('businesses').orderBy('id').limit(200).pluck('id');
    const payments = Number((await db.knex('business_payments').count({ n: '*' }).first())!.n);
    return {
      env: databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir, DATABASE_URL: '' },
      businessIds,
      payments,
      cleanup: () => dataDir && rmSync(join(dataDir, '..'), { recursive: true, force: true }),
    };
  } finally {
    await db.close();
  }
}

export interface MeteredCaller {
  developerId: string;
  appId: string;
  key: string;
}

/**
 * A developer of its own with one app and a key, so that the calls the bench makes are the
 * only ones billed to it, whatever else uses the same database.
 */
export async function meteredCaller(env: Record<string, string | undefined>): Promise<MeteredCaller> {
  const db = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR });
  try {
    const tag = randomBytes(6).toString('hex');
    return await db.knex.transaction(async (trx) => {
      const [developer] = await trx('developer_accounts')
        .insert({ name: `Bench developer ${tag}`, email: `bench-${tag}@example.test`, pricing_tier: 'growth' })
        .returning('*');
      const [app] = await trx('developer_apps')
        .insert({ developer_id: developer.id, name: `Bench app ${tag}`, api_products: ['cmal'] })
        .returning('*');
      await bumpCounters(trx, [
        { metric: 'developers', at: developer.created_at, delta: 1 },
        { metric: 'apps', at: app.created_at, delta: 1 },
      ]);
      const issued = issueSecret('ewk');
      await insertApiKey(trx, developer.id, 'growth', issued);
      return { developerId: developer.id, appId: app.id, key: issued.secret };
    });
  } finally {
    await db.close();
  }
}

/** The calls billed to a developer so far. */
export async function billedCalls(env: Record<string, string | undefined>, developerId: string): Promise<number> {
  const db = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR });
  try {
    const row = await db.knex('api_usage').where({ developer_id: developerId }).first(db.knex.raw('coalesce(sum(calls), 0)::bigint AS calls'));
    return Number(row.calls);
  } finally {
    await db.close();
  }
}
