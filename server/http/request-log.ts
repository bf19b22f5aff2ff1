import { randomUUID } from 'node:crypto';
import express, { type RequestHandler } from 'express';
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

const LOGGER = Symbol('request logger');
const BOUND = Symbol('request logger bound to its id');
type Logged = express.Request & { [LOGGER]?: Logger; [BOUND]?: Logger };

// `req.log` is bound lazily, on first use (most requests never log anything but their last line),
// by a getter on Express's request prototype: defining it on each request costs more.
Object.defineProperty(express.request, 'log', {
  configurable: true,
  get(this: Logged) {
    const logger = this[LOGGER];
    if (!logger) return undefined;
    this[BOUND] ??= logger.child({ reqId: this.id });
    return this[BOUND];
  },
});

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
    (req as Logged)[LOGGER] = logger;
    // 'close' follows 'finish', and comes alone when the client went away first: one listener
    res.once('close', () => {
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
    });
    next();
  };
}
