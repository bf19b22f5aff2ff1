import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.ts';

const REQUEST_ID = /^[\w.:-]{1,64}$/;

declare module 'express-serve-static-core' {
  interface Request {
    /** The request's id (a well-formed X-Request-Id from the caller, or a new UUID). */
    id: string;
    /** The logger, bound to this request's id. */
    log: Logger;
  }
}

/**
 * Gives every request an id (echoed in X-Request-Id) and logs one line when it finishes: id,
 * method, path, status and time — never headers or bodies, which may carry credentials. Built on
 * pino directly: pino-http's per-request child loggers cost a quarter of the public API's
 * throughput in `npm run bench` (docs/PERFORMANCE.md), this costs a few percent.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', id);
    req.id = id;
    // bound lazily: most requests never log anything but their last line
    let bound: Logger | undefined;
    Object.defineProperty(req, 'log', { get: () => (bound ??= logger.child({ reqId: id })), configurable: true });
    const done = () => {
      res.removeListener('close', done);
      res.removeListener('finish', done);
      const status = res.writableFinished ? res.statusCode : 499; // 499: the client went away first
      const level = status >= 500 ? 'error' : status >= 400 && status !== 499 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          reqId: id,
          req: { method: req.method, path: req.originalUrl.split('?')[0] },
          res: { statusCode: status },
          responseTime: Math.round(performance.now() - started),
        },
        'request completed',
      );
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}
