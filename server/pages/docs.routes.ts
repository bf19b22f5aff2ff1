import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import { pageHead, shell } from './layout.ts';

/**
 * The interactive API reference in the site shell: the page is ours, Swagger UI's files and its
 * init script (which carries the document) are served beside it under /docs/. Swagger UI draws
 * without its own top bar (the site header replaces it) and without the external validator badge
 * (the pages' CSP allows images from this origin only).
 */
export function docsRoutes(document: object): Router {
  const router = Router();
  const page = shell({
    path: '/docs/',
    title: 'API reference',
    description: 'The Ecosystem Widgets HTTP API: public embeds, developers, partners, admin and platform events.',
    identity: true,
    stylesheets: ['/docs/swagger-ui.css'],
    scripts: ['/docs/swagger-ui-bundle.js', '/docs/swagger-ui-standalone-preset.js', '/docs/swagger-ui-init.js'],
    body: `${pageHead('API reference', 'JSON over HTTP under /v1. Try any public route from this page; the others take a bearer token.', 'Reference')}
    <div class="actions"><a class="button secondary" href="/openapi.json">OpenAPI document (JSON)</a></div>
    <div class="api-reference card"><div id="swagger-ui"></div></div>`,
  });
  // '/docs' and '/docs/' alike (the page's addresses are absolute)
  router.get('/docs', (_req, res) => {
    res.type('html').set('Cache-Control', 'no-cache').send(page);
  });
  router.use('/docs', swaggerUi.serveFiles(document, { swaggerOptions: { layout: 'BaseLayout', validatorUrl: null } }));
  return router;
}
