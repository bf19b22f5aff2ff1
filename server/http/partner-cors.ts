import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import { anyPartnerAllows } from '../resources/partner/partner.repository.ts';

/**
 * CORS for the partner API: a page may call it from an origin some directory partner allows.
 * Which partner the token belongs to, and whether that partner allows the origin, is checked
 * after authentication (server/http/authenticate.ts).
 */
export function partnerCors(knex: Knex): RequestHandler {
  return async (req, res, next) => {
    const origin = req.headers.origin;
    if (!origin) return next();
    res.vary('Origin');
    if (await anyPartnerAllows(knex, origin)) {
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
