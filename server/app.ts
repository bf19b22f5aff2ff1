import { randomUUID } from 'node:crypto';
import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { Logger } from './logger.ts';
import { errorHandler, notFoundHandler } from './http/error-handler.ts';
import { requireJsonBody } from './http/require-json.ts';
import { healthRoutes } from './resources/health/health.routes.ts';

export interface AppDependencies {
  config: Config;
  db: Database;
  logger: Logger;
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** Builds the HTTP application. No side effects: listening and shutdown belong to main.ts. */
export function createApp({ db, logger }: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(
    pinoHttp({
      logger,
      genReqId(req, res) {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // requests are logged by id, method and path only: headers may carry credentials
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    }),
  );
  app.use(helmet());
  app.use(requireJsonBody, express.json({ limit: '64kb' }));

  app.use(healthRoutes(db));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
