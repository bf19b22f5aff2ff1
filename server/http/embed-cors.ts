import type { RequestHandler } from 'express';

/**
 * CORS for the partner, developer and admin APIs, which browsers call with embed sessions
 * (`ews_…`). Nothing here reads the database: a preflight carries no credentials, so it only
 * says which method and headers the real request may use; the real request gets
 * Access-Control-Allow-Origin once its embed session is authenticated and bound to that origin
 * (server/http/authenticate.ts), so no page can read an answer meant for another origin.
 */
export const embedCors: RequestHandler = (req, res, next) => {
  const origin = req.headers.origin;
  if (!origin) return next();
  res.vary('Origin');
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
    res
      .set({
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
        'Access-Control-Max-Age': '600',
      })
      .status(204)
      .end();
    return;
  }
  next();
};

/** The path prefixes embedCors covers: every audience an embed session may call. */
export const EMBED_CORS_PATHS = ['/v1/partner', '/v1/developer', '/v1/data', '/v1/admin'];
