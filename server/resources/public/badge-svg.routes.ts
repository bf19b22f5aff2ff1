import { Router } from 'express';
import type { Knex } from 'knex';
import type { Api } from '../../http/api.ts';
import { ErrorResponse } from '../../http/schemas.ts';
import { parseInput } from '../../http/validate.ts';
import { badgeSvg } from './badge-svg.ts';
import { AppIdParams, BadgeSvgQuery } from './public.schemas.ts';
import { verifiedApp } from './public.service.ts';

const PATH = '/v1/public/apps/:appId/badge.svg';

/**
 * The badge as an SVG image, for READMEs and pages without JavaScript. Not JSON, so declared here
 * rather than through `Api.route`; it is still documented in the OpenAPI document.
 */
export function badgeSvgRoutes(api: Api, knex: Knex): Router {
  const router = Router();
  const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorResponse } } });
  const image = (description: string) => ({ description, content: { 'image/svg+xml': { schema: { type: 'string' as const } } } });
  api.registry.registerPath({
    method: 'get',
    path: PATH.replace(/:(\w+)/g, '{$1}'),
    summary: 'The Partner-Powered badge of one app as an SVG image',
    description:
      'Shields-style, for READMEs and pages without JavaScript: "Partner-Powered | verified", with the app and since when in its title. ' +
      'Cached for five minutes, with an ETag (304 on a matching If-None-Match). An unknown app, or one that is not partner-powered, ' +
      'gets a "not verified" badge with status 404.',
    tags: ['Public'],
    security: [],
    request: { params: AppIdParams, query: BadgeSvgQuery },
    responses: {
      200: image('The badge of a partner-powered app'),
      400: error('A parameter is invalid; the message names it'),
      404: image('A "not verified" badge: no such app, or it is not partner-powered'),
      429: error('Too many requests from this address; see Retry-After'),
    },
  });

  router.get(PATH, async (req, res) => {
    const { appId } = parseInput(AppIdParams, req.params, 'params');
    const { theme } = parseInput(BadgeSvgQuery, req.query, 'query');
    const app = await verifiedApp(knex, appId);
    res
      .status(app ? 200 : 404)
      .type('image/svg+xml; charset=utf-8')
      .set({
        'Cache-Control': app ? 'public, max-age=300, stale-while-revalidate=3600' : 'public, max-age=60',
        // an <img> on any site may show it; the image itself loads nothing
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      })
      .send(badgeSvg(app, theme)); // Express adds the ETag and answers 304 to a matching If-None-Match
  });
  return router;
}
