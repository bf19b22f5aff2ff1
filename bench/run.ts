import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/database.ts';
import { load, prepareDataset, startTarget, type Measure } from './api.ts';

/**
 * `npm run bench` (full) or `npm run bench -- --short` (CI). Every figure is measured side by
 * side in this run and printed as a ratio: the machines are noisy, absolute numbers are not.
 */
const { values } = parseArgs({ options: { short: { type: 'boolean', default: false }, only: { type: 'string' } } });
const short = values.short!;
const only = values.only?.split(',');
const run = (section: string) => !only || only.includes(section);
const failures: string[] = [];
const ms = (n: number) => `${n.toFixed(1)} ms`;
const pad = (rows: string[][]) => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n');
};

const seconds = short ? 3 : 10;
const warmupSeconds = short ? 1 : 3;
const connections = 50;

if (run('api')) {
  const businesses = short ? 2_000 : 10_000;
  console.log(`\n## 1. Public and data endpoints vs a bare Express 5 route (${connections} connections, ${seconds} s after ${warmupSeconds} s warm-up, ${businesses.toLocaleString('en')} businesses, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`);
  const dataset = await prepareDataset(businesses, process.env.DATABASE_URL);
  const adminToken = `bench_admin_${randomBytes(16).toString('hex')}`;
  const app = await startTarget({ ...dataset.env, ADMIN_TOKEN: adminToken });
  let writeResult: (Measure & { sent: number }) | undefined;
  try {
    const badgeApp = (await (await fetch(`${app.base}/v1/public/showcase/apps?limit=1`)).json()).apps[0].id;
    const auth = { Authorization: `Bearer ${dataset.developerKey}` };
    const endpoints = [
      { name: 'GET /v1/public/ecosystem/impact', path: '/v1/public/ecosystem/impact', public: true },
      { name: 'GET /v1/public/feed', path: '/v1/public/feed', public: true },
      { name: 'GET /v1/public/apps/:id/badge', path: `/v1/public/apps/${badgeApp}/badge`, public: true },
      { name: 'GET /v1/data/businesses (metered)', path: '/v1/data/businesses?limit=25', public: false },
    ];
    const bodies: Record<string, unknown> = {};
    for (const e of endpoints) bodies[e.path] = await (await fetch(`${app.base}${e.path}`, { headers: e.public ? {} : auth })).json();
    const bare = await startTarget({ BENCH_TARGET: 'bare' }, JSON.stringify(bodies));
    const rows = [['endpoint', 'app req/s', 'bare req/s', 'ratio', 'app p50', 'app p99', 'bare p99', 'target']];
    try {
      for (const e of endpoints) {
        const headers = e.public ? undefined : auth;
        const measured: Measure = await load(`${app.base}${e.path}`, { connections, seconds, warmupSeconds, headers });
        const baseline: Measure = await load(`${bare.base}${e.path}`, { connections, seconds, warmupSeconds });
        const ratio = measured.rps / baseline.rps;
        const ok = !e.public || (ratio >= 0.6 && measured.p99 < 25);
        if (measured.non2xx > 0) failures.push(`${e.name}: ${measured.non2xx} failed requests`);
        rows.push([e.name, measured.rps.toFixed(0), baseline.rps.toFixed(0), ratio.toFixed(2), ms(measured.p50), ms(measured.p99), ms(baseline.p99),
          e.public ? (ok ? 'met (≥ 0.60, p99 < 25 ms)' : 'MISSED (≥ 0.60, p99 < 25 ms)') : 'reported (writes a metering row per call)']);
      }
    } finally {
      await bare.stop();
    }
    console.log(pad(rows));

    if (run('write')) {
      console.log(`\n## 5. Write path: payments through POST /v1/events/payments (10 connections, ${seconds} s)`);
      let n = 0;
      const nonce = randomBytes(4).toString('hex');
      const result = await load(`${app.base}/v1/events/payments`, {
        connections: 10, seconds, warmupSeconds: 0,
        requests: [{
          method: 'POST',
          setupRequest(req) {
            const i = n++;
            return {
              ...req,
              headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json', 'Idempotency-Key': `bench-${nonce}-${i}` },
              body: JSON.stringify({ business_id: dataset.businessIds[i % dataset.businessIds.length], amount: '19.99' }),
            };
          },
        }],
      });
      writeResult = { ...result, sent: n };
    }
  } finally {
    await app.stop();
  }
  if (writeResult) {
    // checked with the server stopped: the embedded database admits one process at a time
    const after = await ledgerState(dataset.env);
    const stored = after.payments - dataset.payments;
    console.log(pad([
      ['payments/s', 'p50', 'p99', 'requests sent', 'payments stored', 'ledger = running totals'],
      [writeResult.rps.toFixed(0), ms(writeResult.p50), ms(writeResult.p99), String(writeResult.sent), String(stored), after.exact ? 'yes' : 'NO'],
    ]));
    if (!after.exact) failures.push('ledger and running totals differ after the write benchmark');
    if (writeResult.non2xx > 0) failures.push(`write path: ${writeResult.non2xx} failed requests`);
  }
  dataset.cleanup();
}

async function ledgerState(env: Record<string, string | undefined>) {
  const db = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR });
  try {
    const { rows } = await db.knex.raw(`SELECT (SELECT count(*) FROM business_payments) AS payments,
      (SELECT coalesce(sum(amount), 0) FROM earnings_ledger WHERE channel = 'partner') = (SELECT sum(total_commission_earned) FROM directory_partners)
      AND (SELECT coalesce(sum(amount), 0) FROM earnings_ledger WHERE channel = 'app') = (SELECT coalesce(sum(total_app_earnings), 0) FROM technical_partners) AS exact`);
    return { payments: Number(rows[0].payments), exact: rows[0].exact as boolean };
  } finally {
    await db.close();
  }
}

if (failures.length > 0) {
  console.error(`\nBenchmark failures:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
