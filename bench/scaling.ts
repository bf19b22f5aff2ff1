import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import pg from 'pg';
import { migrateLatest, openDatabase } from '../server/db/database.ts';
import * as reports from '../server/resources/admin/reports.service.ts';
import * as developerService from '../server/resources/developer/developer.service.ts';
import * as partnerService from '../server/resources/partner/partner.service.ts';
import * as publicService from '../server/resources/public/public.service.ts';
import { seedDemoData } from '../server/seed/demo-data.ts';
import { postJson, startTarget } from './api.ts';

/** The tables that grow with the number of businesses: a request must never scan them whole. */
const LARGE_TABLES = [
  'businesses',
  'partner_referrals',
  'api_usage',
  'business_payments',
  'earnings_ledger',
  'cmal_impact',
  'app_business_attributions',
  'pool_events',
];

export const SERVER_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs one statement on the server's maintenance database (CREATE or DROP DATABASE). */
async function onServer(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

const databaseUrl = (name: string) => {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.href;
};

/** An empty PostgreSQL database of the run's own, and how to drop it afterwards. */
export async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ew_bench_run_${process.pid}_${Date.now().toString(36)}`;
  await onServer(`CREATE DATABASE ${name}`);
  return { url: databaseUrl(name), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * A PostgreSQL database holding `businesses` seeded businesses, kept between runs (seeding a
 * million takes minutes); an existing one is reused when its size matches.
 */
export async function scaledDatabase(businesses: number): Promise<string> {
  const name = `ew_bench_${businesses}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  const db = await openDatabase({ databaseUrl: url });
  try {
    await migrateLatest(db.knex);
    const have = Number((await db.knex('businesses').count({ n: '*' }).first())!.n);
    if (have < businesses) {
      const started = performance.now();
      let logged = 0;
      await seedDemoData(db.knex, {
        businesses,
        batchSize: 5_000,
        onProgress(done, total) {
          if (done - logged >= total / 10 || done === total) {
            logged = done;
            console.log(`  seeding ${name}: ${done.toLocaleString('en')}/${total.toLocaleString('en')}`);
          }
        },
      });
      console.log(`  seeded ${businesses.toLocaleString('en')} businesses into ${name} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    // steady state: statistics current and the visibility map set, as autovacuum leaves a live database
    await db.knex.raw('VACUUM ANALYZE');
  } finally {
    await db.close();
  }
  return url;
}

export interface Plan {
  endpoint: string;
  sql: string;
  plan: string[];
  largeSeqScans: string[];
}

/** The accounts whose signed-in views are measured: the largest of each kind, their worst cases. */
export interface Busiest {
  appId: string;
  /** The directory with the most referrals. */
  partnerId: string;
  /** The developer with the most apps. */
  developerId: string;
}

export async function busiestAccounts(databaseUrl: string): Promise<Omit<Busiest, 'appId'>> {
  const db = await openDatabase({ databaseUrl });
  try {
    const partner = await db.knex('partner_referrals').groupBy('partner_id').orderByRaw('count(*) DESC, partner_id').first('partner_id');
    const developer = await db.knex('developer_apps').groupBy('developer_id').orderByRaw('count(*) DESC, developer_id').first('developer_id');
    return { partnerId: partner.partner_id, developerId: developer.developer_id };
  } finally {
    await db.close();
  }
}

/** EXPLAIN ANALYZE of every query the measured views run, captured from knex as they execute. */
export async function explainAggregates(databaseUrl: string, { appId, partnerId, developerId }: Busiest): Promise<Plan[]> {
  const db = await openDatabase({ databaseUrl });
  const plans: Plan[] = [];
  try {
    const calls: [string, (knex: Knex) => Promise<unknown>][] = [
      ['impact', (k) => publicService.ecosystemImpact(k)],
      ['feed', (k) => publicService.feed(k, 10, 5)],
      ['badge', (k) => publicService.badge(k, appId)],
      ['showcase', (k) => publicService.showcase(k, { limit: 12 })],
      ['growth', (k) => publicService.growth(k, 12)],
      ['partner developer-impact', (k) => partnerService.developerImpact(k, partnerId)],
      ['developer apps', (k) => developerService.apps(k, developerId)],
      ['developer data-sources', (k) => developerService.dataSources(k, developerId)],
      ['admin revenue', (k) => reports.revenue(k, 12)],
    ];
    for (const [endpoint, call] of calls) {
      const queries: { sql: string; bindings: readonly unknown[] }[] = [];
      const listener = (q: { sql: string; bindings?: readonly unknown[] }) => queries.push({ sql: q.sql, bindings: q.bindings ?? [] });
      db.knex.on('query', listener);
      await call(db.knex);
      db.knex.removeListener('query', listener);
      for (const q of queries.filter((q) => /^\s*(select|with)/i.test(q.sql))) {
        // node-postgres placeholders ($1…) back into knex's positional ones
        const bindings = [...q.sql.matchAll(/\$(\d+)/g)].map((m) => q.bindings[Number(m[1]) - 1]) as Knex.RawBinding[];
        const sql = q.sql.replace(/\$\d+/g, '?');
        const { rows } = await db.knex.raw(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`, bindings);
        const plan = rows.map((r: Record<string, string>) => r['QUERY PLAN']!);
        const largeSeqScans = plan.filter((line: string) => LARGE_TABLES.some((t) => new RegExp(`Seq Scan on ${t}\\b`).test(line)));
        plans.push({ endpoint, sql: q.sql.replace(/\s+/g, ' ').slice(0, 160), plan, largeSeqScans });
      }
    }
  } finally {
    await db.close();
  }
  return plans;
}

export interface ScalePoint {
  businesses: number;
  latency: Record<string, number>;
}

/**
 * Median latency of each measured view — the public aggregates and the signed-in dashboards of
 * the busiest accounts: sequential requests for `seconds`, micro-cache off (every request reaches
 * the database), timed here in microseconds — autocannon's histogram counts whole milliseconds,
 * too coarse for sub-millisecond answers.
 */
export async function measureAggregates(databaseUrl: string, seconds: number): Promise<{ latency: Record<string, number>; busiest: Busiest }> {
  const accounts = await busiestAccounts(databaseUrl);
  const adminToken = `bench_admin_${randomBytes(16).toString('hex')}`;
  const admin = { Authorization: `Bearer ${adminToken}` };
  const target = await startTarget({ DATABASE_URL: databaseUrl, PUBLIC_CACHE_MS: '0', ADMIN_TOKEN: adminToken });
  try {
    const issue = async (path: string) => {
      const issued = (await postJson(target.base, adminToken, path, {})) as { token?: string; key?: string };
      return { Authorization: `Bearer ${issued.token ?? issued.key}` };
    };
    const partner = await issue(`/v1/admin/partners/${accounts.partnerId}/tokens`);
    const developer = await issue(`/v1/admin/developers/${accounts.developerId}/api-keys`);
    const appId = (await (await fetch(`${target.base}/v1/public/showcase/apps?limit=1`)).json()).apps[0].id as string;
    const paths: Record<string, [string, Record<string, string>?]> = {
      impact: ['/v1/public/ecosystem/impact'],
      feed: ['/v1/public/feed'],
      badge: [`/v1/public/apps/${appId}/badge`],
      showcase: ['/v1/public/showcase/apps'],
      growth: ['/v1/public/ecosystem/growth'],
      'partner developer-impact': ['/v1/partner/me/developer-impact', partner],
      'developer apps': ['/v1/developer/me/apps', developer],
      'developer data-sources': ['/v1/developer/me/data-sources', developer],
      'admin revenue': ['/v1/admin/revenue', admin],
    };
    const latency: Record<string, number> = {};
    for (const [name, [path, headers]] of Object.entries(paths)) {
      latency[name] = await sequentialMedian(`${target.base}${path}`, seconds, headers);
    }
    return { latency, busiest: { ...accounts, appId } };
  } finally {
    await target.stop();
  }
}

async function sequentialMedian(url: string, seconds: number, headers: Record<string, string> = {}): Promise<number> {
  const once = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 50; i++) await once(); // warm-up
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) times.push(await once());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
