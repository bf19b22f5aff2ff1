import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { z } from 'zod';
import { loadConfig } from '../config.ts';
import { migrateLatest, openDatabase } from '../db/database.ts';
import { seedDemoData } from '../seed/demo-data.ts';

/** `npm run db:seed -- --businesses 1000000 --seed 42`: migrates, then seeds demo data. */
const Args = z.object({
  businesses: z.coerce.number().int().min(1).max(50_000_000).default(2_000),
  seed: z.coerce.number().int().default(42),
  'batch-size': z.coerce.number().int().min(100).max(50_000).default(5_000),
});
const { values } = parseArgs({
  options: { businesses: { type: 'string' }, seed: { type: 'string' }, 'batch-size': { type: 'string' } },
});
const parsed = Args.safeParse(values);
if (!parsed.success) {
  console.error(`Invalid arguments:\n${z.prettifyError(parsed.error)}`);
  process.exit(2);
}
const args = parsed.data;
const config = loadConfig(process.env, 'tool');
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
const where = config.DATABASE_URL ? 'PostgreSQL' : `embedded PostgreSQL in ${config.DATA_DIR}`;
try {
  await migrateLatest(db.knex);
  console.log(`Seeding ${args.businesses.toLocaleString('en')} businesses (seed ${args.seed}) into ${where}`);
  const bar = process.stdout.isTTY
    ? new cliProgress.SingleBar({ format: ' {bar} {percentage}% | {value}/{total} businesses | {eta_formatted} left' }, cliProgress.Presets.shades_classic)
    : undefined;
  bar?.start(args.businesses, 0);
  let lastLogged = 0;
  const started = performance.now();
  const result = await seedDemoData(db.knex, {
    businesses: args.businesses,
    seed: args.seed,
    batchSize: args['batch-size'],
    holdDays: config.HOLD_PERIOD_DAYS,
    onProgress(done, total) {
      bar?.update(done);
      if (!bar && (done - lastLogged >= total / 10 || done === total)) {
        lastLogged = done;
        console.log(`  ${done}/${total} businesses`);
      }
    },
  });
  bar?.stop();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const counts = await db.knex.raw(`SELECT
    (SELECT count(*) FROM businesses) AS businesses, (SELECT count(*) FROM partner_referrals) AS referrals,
    (SELECT count(*) FROM partner_referred_businesses_api) AS data_pool, (SELECT count(*) FROM business_payments) AS payments,
    (SELECT count(*) FROM earnings_ledger) AS ledger_rows, (SELECT count(*) FROM api_usage) AS usage_rows`);
  console.log(`Done in ${seconds} s (${result.batchesSkipped} of ${result.batches} batches already present):`);
  console.log(counts.rows[0]);
} finally {
  await db.close();
}
