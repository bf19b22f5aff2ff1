import cors from 'cors';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../errors.ts';
import { sendError } from './error-handler.ts';

/** CORS open to every origin, for read-only embeds (no credentials are ever accepted there). */
export const openCors: RequestHandler = cors({
  origin: '*',
  methods: ['GET', 'HEAD', 'OPTIONS'],
  allowedHeaders: ['Last-Event-ID', 'If-None-Match', 'Accept', 'Accept-Language'],
  exposedHeaders: ['ETag', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'X-Request-Id'],
  maxAge: 86_400,
});

/**
 * A per-IP limit, answered with the error shape, 429 and Retry-After. The counts live in the
 * process: behind a load balancer each process limits its own share (a shared store such as
 * PostgreSQL or Redis would make it global).
 */
export function perIpLimit(limitPerMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: limitPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler(req, res) {
      const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60;
      res.set('Retry-After', String(seconds));
      sendError(res, new AppError('rate_limited', `Too many requests; retry in ${seconds} s`));
    },
  });
}
