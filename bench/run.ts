import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { bundleSizes, kb, pageSizes, verdict } from '../scripts/bundle-sizes.ts';
import { openDatabase } from '../server/db/database.ts';
import { launchBrowser } from '../test/e2e/support.ts';
import { billedCalls, load, type Measure, meteredCaller, prepareDataset, startTarget } from './api.ts';
import { measureFirstRender } from './first-render.ts';
import { explainAggregates, measureAggregates, postgresAnswers, scaledDatabase } from './scaling.ts';

/**
 * `npm run bench` (full) or `npm run bench -- --short` (CI); `--only metered,write` runs the
 * named sections (api, write, metered, scaling, bundles, render). Every figure is measured side by
 * side in this run and printed as a ratio: the machines are noisy, absolute numbers are not.
 */
// --prebuilt: dist/ is the build of this tree already (CI builds once, in `npm test`)
const { values } = parseArgs({
  options: { short: { type: 'boolean', default: false }, prebuilt: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const short = values.short!;
const only = values.only?.split(',');
const run = (section: string) => !only || only.includes(section);
const failures: string[] = [];
const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
const pad = (rows: string[][]) => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n');
};

const seconds = short ? 3 : 10;
const warmupSeconds = short ? 1 : 3;
const connections = 50;

if (run('api')) {
  const businesses = short ? 2_000 : 10_000;
  console.log(
    `\n## 1. Public and data endpoints vs a bare Express 5 route (${connections} connections, ${seconds} s after ${warmupSeconds} s warm-up, ${businesses.toLocaleString('en')} businesses, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`,
  );
  const dataset = await prepareDataset(businesses, process.env.DATABASE_URL);
  const adminToken = `bench_admin_${randomBytes(16).toString('hex')}`;
  const app = await startTarget({ ...dataset.env, ADMIN_TOKEN: adminToken });
  let writeResult: (Measure & { sent: number }) | undefined;
  try {
    const badgeApp = (await (await fetch(`${app.base}/v1/public/showcase/apps?limit=1`)).json()).apps[0].id;
    const endpoints = [
      { name: 'GET /v1/public/ecosystem/impact', path: '/v1/public/ecosystem/impact' },
      { name: 'GET /v1/public/feed', path: '/v1/public/feed' },
      { name: 'GET /v1/public/apps/:id/badge', path: `/v1/public/apps/${badgeApp}/badge` },
    ];
    const bodies: Record<string, unknown> = {};
    for (const e of endpoints) bodies[e.path] = await (await fetch(`${app.base}${e.path}`)).json();
    const bare = await startTarget({ BENCH_TARGET: 'bare' }, JSON.stringify(bodies));
    const rows = [['endpoint', 'app req/s', 'bare req/s', 'ratio', 'app p50', 'app p99', 'bare p99', 'target']];
    try {
      for (const e of endpoints) {
        const measured: Measure = await load(`${app.base}${e.path}`, { connections, seconds, warmupSeconds });
        const baseline: Measure = await load(`${bare.base}${e.path}`, { connections, seconds, warmupSeconds });
        const ratio = measured.rps / baseline.rps;
        const ok = ratio >= 0.6 && measured.p99 < 25;
        if (measured.non2xx > 0) failures.push(`${e.name}: ${measured.non2xx} failed requests`);
        rows.push([
          e.name,
          measured.rps.toFixed(0),
          baseline.rps.toFixed(0),
          ratio.toFixed(2),
          ms(measured.p50),
          ms(measured.p99),
          ms(baseline.p99),
          ok ? 'met (≥ 0.60, p99 < 25 ms)' : 'MISSED (≥ 0.60, p99 < 25 ms)',
        ]);
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
        connections: 10,
        seconds,
        warmupSeconds: 0,
        requests: [
          {
            method: 'POST',
            setupRequest(req) {
              const i = n++;
              return {
                ...req,
                headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json', 'Idempotency-Key': `bench-${nonce}-${i}` },
                body: JSON.stringify({ business_id: dataset.businessIds[i % dataset.businessIds.length], amount: '19.99' }),
              };
            },
          },
        ],
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
    console.log(
      pad([
        ['payments/s', 'p50', 'p99', 'requests sent', 'payments stored', 'ledger = running totals'],
        [writeResult.rps.toFixed(0), ms(writeResult.p50), ms(writeResult.p99), String(writeResult.sent), String(stored), after.exact ? 'yes' : 'NO'],
      ]),
    );
    if (!after.exact) failures.push('ledger and running totals differ after the write benchmark');
    if (writeResult.non2xx > 0) failures.push(`write path: ${writeResult.non2xx} failed requests`);
  }
  dataset.cleanup();
}

if (run('metered')) {
  // The paid route: every call is billed, so after the run (servers stopped gracefully) the
  // calls billed to the bench's own developer must equal the calls the app served.
  const businesses = short ? 2_000 : 10_000;
  console.log(
    `\n## 1b. The metered data pool vs a bare Express 5 route (${connections} connections, ${seconds} s after ${warmupSeconds} s warm-up, ${businesses.toLocaleString('en')} businesses, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`,
  );
  const dataset = await prepareDataset(businesses, process.env.DATABASE_URL);
  const caller = await meteredCaller(dataset.env);
  const path = `/v1/data/businesses?limit=25&app_id=${caller.appId}`;
  const headers = { Authorization: `Bearer ${caller.key}` };
  const app = await startTarget(dataset.env);
  let measured: Measure;
  let served: number;
  try {
    const body = await (await fetch(`${app.base}${path}`, { headers })).json();
    const bare = await startTarget({ BENCH_TARGET: 'bare' }, JSON.stringify({ [path]: body }));
    try {
      measured = await load(`${app.base}${path}`, { connections, seconds, warmupSeconds, headers });
      const baseline = await load(`${bare.base}${path}`, { connections, seconds, warmupSeconds });
      const ratio = measured.rps / baseline.rps;
      const rows = [['endpoint', 'app req/s', 'bare req/s', 'ratio', 'app p50', 'app p99', 'bare p99', 'target']];
      rows.push([
        'GET /v1/data/businesses?limit=25&app_id (metered)',
        measured.rps.toFixed(0),
        baseline.rps.toFixed(0),
        ratio.toFixed(2),
        ms(measured.p50),
        ms(measured.p99),
        ms(baseline.p99),
        ratio >= 0.5 ? 'met (≥ 0.50)' : 'MISSED (≥ 0.50)',
      ]);
      console.log(pad(rows));
    } finally {
      await bare.stop();
    }
  } finally {
    served = Number(/served (\d+)/.exec(await app.stop())?.[1] ?? Number.NaN);
  }
  const billed = await billedCalls(dataset.env, caller.developerId);
  console.log(`\n  calls served ${served}, calls billed ${billed}: ${billed === served ? 'exact' : 'DIFFER'}`);
  if (billed !== served) failures.push(`metered data pool: ${served} calls served but ${billed} billed`);
  if (measured.non2xx > 0) failures.push(`metered data pool: ${measured.non2xx} failed requests`);
  dataset.cleanup();
}

if (run('scaling')) {
  const sizes = short ? [2_000, 20_000] : [10_000, 100_000, 1_000_000];
  const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1_000}k`);
  console.log(
    `\n## 2. Scaling: aggregate endpoints on PostgreSQL at ${sizes.map(label).join(', ')} businesses (median latency of sequential requests, micro-cache off)`,
  );
  if (!(await postgresAnswers())) {
    console.log('  skipped: no PostgreSQL server answers (set BENCH_POSTGRES_URL)');
  } else {
    const points: { businesses: number; latency: Record<string, number> }[] = [];
    let largest = { url: '', appId: '' };
    for (const businesses of sizes) {
      const url = await scaledDatabase(businesses);
      const { latency, appId } = await measureAggregates(url, short ? 2 : 5);
      points.push({ businesses, latency });
      largest = { url, appId };
    }
    const endpoints = Object.keys(points[0]!.latency);
    const first = points[0]!;
    const last = points.at(-1)!;
    const rows = [['endpoint', ...points.map((p) => label(p.businesses)), `ratio ${label(last.businesses)}/${label(first.businesses)}`, 'target']];
    for (const e of endpoints) {
      const ratio = last.latency[e]! / first.latency[e]!;
      rows.push([e, ...points.map((p) => ms(p.latency[e]!)), ratio.toFixed(2), ratio <= 1.5 ? 'met (≤ 1.5)' : 'MISSED (≤ 1.5)']);
    }
    console.log(pad(rows));
    const plans = await explainAggregates(largest.url, largest.appId);
    console.log(
      `\n  EXPLAIN ANALYZE at ${label(last.businesses)} businesses: ${plans.length} queries, ${plans.filter((p) => p.largeSeqScans.length > 0).length} with a sequential scan of a large table`,
    );
    for (const plan of plans) {
      console.log(`\n  [${plan.endpoint}] ${plan.sql}`);
      for (const line of short ? plan.plan.filter((l) => /Scan|Execution Time/.test(l)) : plan.plan) console.log(`    ${line}`);
    }
    // At the short mode's small sizes the planner rightly prefers a sequential scan of a few
    // hundred rows to an index; the check is meaningful at the full mode's million.
    if (!short)
      for (const plan of plans) if (plan.largeSeqScans.length > 0) failures.push(`[${plan.endpoint}] scans a large table: ${plan.largeSeqScans.join('; ')}`);
  }
}

if ((run('bundles') || run('render')) && !values.prebuilt) execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { stdio: 'ignore' });

if (run('bundles')) {
  // Sizes are deterministic: the short run judges them as the full one does.
  console.log('\n## 3. Widget pages: gzip of every file a page loads, Lit included, each chunk once (KB = 1,024 bytes)');
  const files = [['file', 'minified', 'gzip']];
  for (const { file, bytes, gzip } of bundleSizes()) files.push([file, kb(bytes), kb(gzip)]);
  console.log(pad(files));
  console.log('');
  // DESIGN §8: the badge alone ≤ 8 KB; badge + impact card + live feed ≤ 20 KB; any one widget ≤ 15 KB.
  // A page known to be over (KNOWN_OVERRUNS in scripts/bundle-sizes.ts) fails only past its ceiling.
  const rows = [['page', 'files', 'gzip', 'budget', 'gzip / budget', 'ceiling', '']];
  for (const page of pageSizes()) {
    const judged = verdict(page);
    if (judged === 'FAILS') {
      failures.push(
        `${page.page}: ${page.gzip} bytes gzipped (${kb(page.gzip)}), over its ${kb(page.budget)} budget${page.ceiling ? ` and its ${page.ceiling}-byte ceiling` : ''}`,
      );
    }
    rows.push([
      page.page,
      String(page.files.length),
      kb(page.gzip),
      kb(page.budget),
      (page.gzip / page.budget).toFixed(2),
      page.ceiling ? `${page.ceiling} B` : '',
      judged,
    ]);
  }
  console.log(pad(rows));
}

if (run('render')) {
  const runs = short ? 3 : 9;
  console.log(`\n## 4. First data render in headless Chromium (median of ${runs} cold loads; baseline: fetch the same JSON and write it into the page)`);
  const dataset = await prepareDataset(2_000);
  const target = await startTarget({ ...dataset.env });
  const browser = await launchBrowser();
  try {
    const appId = (await (await fetch(`${target.base}/v1/public/showcase/apps?limit=1`)).json()).apps[0].id as string;
    const results = await measureFirstRender(
      browser,
      target.base,
      [
        { tag: 'ecosystem-impact-card', attributes: '', path: '/v1/public/ecosystem/impact' },
        { tag: 'partner-powered-badge', attributes: `app-id="${appId}"`, path: `/v1/public/apps/${appId}/badge` },
        { tag: 'partner-powered-showcase', attributes: '', path: '/v1/public/showcase/apps?limit=12' },
        { tag: 'live-business-feed', attributes: '', path: '/v1/public/feed' },
        { tag: 'ecosystem-growth', attributes: '', path: '/v1/public/ecosystem/growth' },
      ],
      runs,
    );
    // An absolute time depends on the machine: the short (CI) run prints it and judges nothing;
    // the full run, on the machine whose figures docs/PERFORMANCE.md records, judges the target.
    const rows = [['widget', 'first data render', 'baseline', 'ratio', 'target']];
    for (const r of results) {
      const ok = r.widgetMs < 150;
      if (!ok && !short) failures.push(`${r.tag}: first data render ${ms(r.widgetMs)} (target < 150 ms)`);
      const verdict = short ? 'printed only (short run)' : ok ? 'met (< 150 ms)' : 'MISSED (< 150 ms)';
      rows.push([r.tag, ms(r.widgetMs), ms(r.baselineMs), (r.widgetMs / r.baselineMs).toFixed(2), verdict]);
    }
    console.log(pad(rows));
  } finally {
    await browser.close();
    await target.stop();
    dataset.cleanup();
  }
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
