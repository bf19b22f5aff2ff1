import { Router } from 'express';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../errors.ts';

const READY_TIMEOUT_MS = 1_000;

/** Liveness (the process answers) and readiness (the database answers within a second). */
export function healthRoutes(db: Database): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError('database_unavailable', 'The database did not answer within 1 s')), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([db.knex.raw('SELECT 1'), timeout]);
    } finally {
      clearTimeout(timer);
    }
    res.set('Cache-Control', 'no-store').json({ status: 'ready', database: db.dialect });
  });
  return router;
}
