import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { type DatabaseOptions, migrateLatest, openDatabase } from '../server/db/database.ts';
import { insertApiKey } from '../server/resources/credentials/credentials.repository.ts';
import { issueSecret } from '../server/resources/credentials/secrets.ts';
import { seedDemoData } from '../server/seed/demo-data.ts';

export interface Measure {
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  non2xx: number;
}

export interface Target {
  base: string;
  stop(): Promise<void>;
}

/** Starts bench/serve.ts in a child process (the load generator keeps the other core). */
export async function startTarget(env: Record<string, string | undefined>, stdin?: string): Promise<Target> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/serve.ts'], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (stdin !== undefined) child.stdin!.end(stdin);
  else child.stdin!.end();
  const port = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.stdout!.once('data', (chunk) => resolve(String(chunk).trim()));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
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
  developerKey: string;
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
    const developer = await db.knex('developer_accounts').orderBy('id').first('id');
    const issued = issueSecret('ewk');
    await insertApiKey(db.knex, developer.id, 'growth', issued);
    const businessIds = await db.knex('businesses').orderBy('id').limit(200).pluck('id');
    const payments = Number((await db.knex('business_payments').count({ n: '*' }).first())!.n);
    return {
      env: databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir, DATABASE_URL: '' },
      developerKey: issued.secret,
      businessIds,
      payments,
      cleanup: () => dataDir && rmSync(join(dataDir, '..'), { recursive: true, force: true }),
    };
  } finally {
    await db.close();
  }
}
