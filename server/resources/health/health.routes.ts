import { Router } from 'express';
import type { Database } from '../../db/database.ts';
import { databaseError } from '../../db/database-errors.ts';
import { AppError } from '../../errors.ts';

const READY_TIMEOUT_MS = 1_000;

/**
 * The embedded database only: its single connection must never be discarded (that closes the
 * database), so a slow answer is waited out in the background, not cancelled.
 */
async function withinReadyTimeout(query: PromiseLike<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
  });
  try {
    await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness (the process answers) and readiness: the database answers within a second and, once
 * this process has listened for the live feed, its listening session is alive. A query that
 * times out is cancelled on PostgreSQL, and its connection is discarded when that fails too, so
 * no hung connection is left in the pool.
 */
export function healthRoutes(db: Database): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await (db.dialect === 'postgres' ? db.knex.raw('SELECT 1').timeout(READY_TIMEOUT_MS, { cancel: true }) : withinReadyTimeout(db.knex.raw('SELECT 1')));
    } catch (error) {
      // busy or unreachable as the data routes say it; a timeout is an unavailable database
      throw databaseError(error) ?? new AppError('database_unavailable', 'The database did not answer within 1 s');
    }
    if (db.listening() === 'down') throw new AppError('database_unavailable', 'The live feed is not listening to the database');
    res.set('Cache-Control', 'no-store').json({ status: 'ready', database: db.dialect });
  });
  return router;
}
