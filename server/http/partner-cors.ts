import type { RequestHandler } from 'express';
import type { Knex } from 'knex';

/**
 * CORS for the partner API: a page may call it from an origin some directory partner allows.
 * Which partner the token belongs to, and whether that partner allows the origin, is checked
 * after authentication (server/resources/credentials/authenticate.ts).
 */
export function partnerCors(knex: Knex): RequestHandler {
  return async (req, res, next) => {
    const origin = req.headers.origin;
    if (!origin) return next();
    res.vary('Origin');
    const known = await knex('directory_partners').whereRaw('allowed_origins @> ARRAY[?]::text[]', [origin]).first('id');
    if (known) {
      res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'X-Request-Id' });
      if (req.method === 'OPTIONS') {
        res
          .set({ 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Authorization, Content-Type', 'Access-Control-Max-Age': '600' })
          .status(204)
          .end();
        return;
      }
    }
    next();
  };
}
