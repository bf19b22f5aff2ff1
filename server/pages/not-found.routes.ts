import type { Request, RequestHandler } from 'express';
import { pageHead, shell } from './layout.ts';

/**
 * A browser navigating to an unknown address gets a page in the site shell with a way home. Only
 * GET and HEAD outside the API, from a client that asks for HTML before JSON (a browser's
 * `Accept: text/html,…,*\/*`): API paths, `Accept: *\/*` and requests without `Accept` fall through
 * to the JSON 404 like every other API error.
 */
export const htmlNotFound: RequestHandler = (req, res, next) => {
  if (!wantsPage(req)) return next();
  res
    .status(404)
    .type('html')
    .set('Cache-Control', 'no-cache')
    .send(
      shell({
        path: req.path,
        title: 'Page not found',
        head: '<meta name="robots" content="noindex">',
        identity: true,
        mainClass: 'narrow',
        body: `${pageHead('Page not found', `There is no page at ${req.path}. It may have moved, or the address may be mistyped.`, 'Error 404')}
    <div class="actions"><a class="button" href="/">Go to the home page</a><a class="button secondary" href="/showcase">Browse the showcase</a><a class="button quiet" href="/docs/">API reference</a></div>`,
      }),
    );
};

function wantsPage(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.path === '/v1' || req.path.startsWith('/v1/')) return false;
  return req.accepts(['json', 'html']) === 'html';
}
