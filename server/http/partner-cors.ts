import type { RequestHandler } from 'express';

/**
 * CORS for the partner API: a page may call it from an origin its partner allows. Nothing here
 * reads the database: a preflight carries no credentials, so it only says which method and headers
 * the real request may use; the real request gets Access-Control-Allow-Origin once its token is
 * authenticated and its partner allows the origin (server/http/authenticate.ts), so no page can
 * read an answer meant for another partner's origins.
 */
export const partnerCors: RequestHandler = (req, res, next) => {
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
