import type { RequestHandler } from 'express';
import { AppError } from '../errors.ts';

/** The charset a JSON body may declare (RFC 8259 §8.1: JSON exchanged between systems is UTF-8). */
const UTF8 = new Set(['utf-8', 'utf8']);

/** A request that carries a body must carry UTF-8 JSON: anything else is refused with 415. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return next();
  if (!req.is('application/json')) {
    throw new AppError('unsupported_media_type', 'Request body must be application/json');
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.headers['content-type'] ?? '')?.[1];
  if (charset !== undefined && !UTF8.has(charset.toLowerCase())) {
    throw new AppError('unsupported_media_type', `Unsupported charset "${charset.slice(0, 40)}": send the JSON body as UTF-8`);
  }
  next();
};
