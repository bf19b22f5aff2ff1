import type { ErrorRequestHandler, RequestHandler } from 'express';
import { databaseError } from '../db/database-errors.ts';
import { AppError, type ErrorCode } from '../errors.ts';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_json: 400,
  unauthorized: 401,
  session_expired: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  idempotency_key_reused: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  database_unavailable: 503,
  database_busy: 503,
  internal_error: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorBody(error: AppError): ErrorBody {
  return { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
}

export function sendError(res: Parameters<RequestHandler>[1], error: AppError): void {
  res.status(STATUS[error.code]).json(errorBody(error));
}

export const notFoundHandler: RequestHandler = (req) => {
  throw new AppError('not_found', `No route for ${req.method} ${req.path}`);
};

/** Maps every error to the JSON error shape; internals are logged, never sent. */
export const errorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  const appError = toAppError(error);
  if (appError.code === 'internal_error' || appError.code === 'database_unavailable' || appError.code === 'database_busy') {
    req.log?.error({ err: error }, appError.message);
  }
  if (appError.code === 'database_unavailable' || appError.code === 'database_busy') res.set('Retry-After', '1');
  if (appError.code === 'unauthorized') res.set('WWW-Authenticate', 'Bearer');
  if (appError.code === 'session_expired') res.set('WWW-Authenticate', 'Bearer error="invalid_token", error_description="session expired"');
  sendError(res, appError);
};

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as { type?: string; message?: string; status?: number };
  if (e.status === 404) return new AppError('not_found', 'Not found'); // static files
  // body-parser errors
  if (e.type === 'entity.too.large') return new AppError('payload_too_large', 'Request body is too large');
  if (e.type === 'entity.parse.failed') return new AppError('invalid_json', 'Request body is not valid JSON');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
    return new AppError('unsupported_media_type', e.message ?? 'Unsupported encoding');
  }
  return databaseError(error) ?? new AppError('internal_error', 'Internal server error');
}
