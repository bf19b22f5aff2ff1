import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { migrateLatest, openDatabase } from '../server/db/database.ts';
import { createLogger } from '../server/logger.ts';
import { usageMeterOf } from '../server/resources/usage/usage-meter.ts';

/**
 * A benchmark target in its own process: either the real app over the configured database
 * (BENCH_TARGET=app) or a bare Express 5 route per path answering fixed JSON (BENCH_TARGET=bare,
 * the bodies arrive on stdin). Prints its port as the first line. BENCH_WORKERS=n serves the app
 * from n processes sharing one port (node:cluster); the database must then be PostgreSQL.
 */
const workers = Number(process.env.BENCH_WORKERS ?? 1);
if (cluster.isPrimary && workers > 1) await primary(workers);
else await serve();

/** Forks the workers, prints the port they share, and on SIGTERM stops them and adds up what they served. */
async function primary(count: number): Promise<void> {
  const forked = Array.from({ length: count }, () => cluster.fork());
  const ports = await Promise.all(forked.map((worker) => new Promise<number>((resolve) => worker.once('listening', (address) => resolve(address.port)))));
  process.stdout.write(`${ports[0]}\n`);
  process.on('SIGTERM', async () => {
    const served = await Promise.all(
      forked.map(
        (worker) =>
          new Promise<number>((resolve) => {
            worker.once('message', (message: { served: number }) => resolve(message.served));
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    process.stdout.write(`served ${served.reduce((a, b) => a + b, 0)}\n`);
    process.exit(0);
  });
}

async function serve(): Promise<void> {
  const target = process.env.BENCH_TARGET ?? 'app';
  let app: express.Express;
  let close = async () => {};
  if (target === 'bare') {
    const bodies = JSON.parse(
      await new Promise<string>((resolve) => {
        let text = '';
        process.stdin.on('data', (chunk) => (text += chunk)).on('end', () => resolve(text));
      }),
    ) as Record<string, unknown>;
    app = express();
    for (const [path, body] of Object.entries(bodies)) app.get(path.split('?')[0]!, (_req, res) => void res.json(body));
  } else {
    // a bench server needs no admin token of its own unless the run gives one
    const config = {
      ...loadConfig({ ADMIN_TOKEN: `bench_admin_${randomBytes(16).toString('hex')}`, ...process.env }),
      NODE_ENV: 'production' as const,
      LOG_LEVEL: 'silent' as const,
      PUBLIC_RATE_LIMIT_PER_MINUTE: 1_000_000_000,
      API_RATE_LIMIT_PER_MINUTE: 1_000_000_000,
      AUTH_FAILURES_PER_MINUTE: 1_000_000_000,
      // the fan-out section opens thousands of streams from one address
      STREAMS_PER_CLIENT: 1_000_000_000,
    };
    const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolMax: 20 });
    // workers of a cluster find the database migrated by the bench: only a lone process migrates
    if (cluster.isPrimary) await migrateLatest(db.knex);
    app = createApp({ config, db, logger: createLogger('silent') });
    const meter = usageMeterOf(app);
    close = async () => {
      await meter.close();
      await db.close();
    };
  }
  // Counts the data-pool calls this process answered with 200 (also those whose client hung up
  // before the answer arrived, as the load generator does at the end of a run: they are billed).
  let served = 0;
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/v1/data/businesses')) {
      const end = res.end.bind(res);
      res.end = ((...args: Parameters<typeof res.end>) => {
        if (res.statusCode === 200) served++;
        return end(...args);
      }) as typeof res.end;
    }
    app(req, res);
  });
  server.listen(0, '127.0.0.1', () => {
    // a cluster's primary prints the port its workers share
    if (cluster.isPrimary) process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
  });
  // a graceful stop: finish the requests in flight, close the database, then report what was served
  process.on('SIGTERM', () => {
    server.close(async () => {
      await close();
      if (cluster.isWorker) process.send!({ served }, () => process.exit(0));
      else {
        process.stdout.write(`served ${served}\n`);
        process.exit(0);
      }
    });
    server.closeIdleConnections();
  });
}
