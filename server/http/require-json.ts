import type { RequestHandler } from 'express';
import { AppError } from '../errors.ts';

/** A request that carries a body must carry JSON: anything else is refused with 415. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is('application/json')) {
    throw new AppError('unsupported_media_type', 'Request body must be application/json');
  }
  next();
};
