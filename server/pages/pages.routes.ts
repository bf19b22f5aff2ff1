import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Request, Router } from 'express';
import type { Knex } from 'knex';

const ASSETS = fileURLToPath(new URL('./assets', import.meta.url));
export const WIDGETS_DIR = fileURLToPath(new URL('../../dist/widgets', import.meta.url));

/** Escapes text for HTML: page content that comes from data is never markup. */
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const NAV = [
  ['/showcase', 'Showcase'],
  ['/developers', 'For developers'],
  ['/developer', 'Developer dashboard'],
  ['/partner', 'Partner dashboard'],
  ['/admin', 'Admin hub'],
  ['/demo/directory', 'Sample partner directory'],
  ['/docs/', 'API reference'],
] as const;

interface Page {
  title: string;
  lead: string;
  /** Widget tags whose per-element bundle the page loads. */
  widgets: string[];
  body: string;
}

function layout(path: string, page: Page): string {
  const nav = NAV.map(([href, label]) => `<a href="${href}"${href === path ? ' aria-current="page"' : ''}>${label}</a>`).join('');
  const scripts = page.widgets.map((tag) => `<script type="module" src="/widgets/${tag}.js"></script>`).join('\n  ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${esc(page.title)} · Ecosystem Widgets</title>
  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/assets/pages.css">
  ${scripts}
  <script type="module" src="/assets/sign-in.js"></script>
  <script type="module" src="/assets/host.js"></script>
</head>
<body>
  <header class="site"><a href="/"><strong>Ecosystem</strong></a><nav aria-label="Pages">${nav}</nav></header>
  <main>
    <h1>${esc(page.title)}</h1>
    <p class="lead">${esc(page.lead)}</p>
    ${page.body}
  </main>
</body>
</html>`;
}

function signIn(audience: 'partner' | 'developer' | 'admin', label: string): string {
  return `<form class="sign-in" data-audience="${audience}">
      <label>${label}<input type="password" name="token" autocomplete="off" spellcheck="false" required></label>
      <button type="submit">Sign in</button>
      <button type="button" data-action="sign-out" hidden>Sign out</button>
      <output aria-live="polite">Not signed in.</output>
    </form>`;
}

/** The host pages: plain HTML built only from the widget tags, to see the embeds on real pages. */
export function pageRoutes(knex: Knex, publicBaseUrl?: string): Router {
  const router = Router();
  const pages: Record<string, Page> = {
    '/showcase': {
      title: 'Partner-Powered apps',
      lead: 'Apps built on business data that directory partners brought to the platform, and the directories behind each one.',
      widgets: ['ecosystem-impact-card', 'partner-powered-showcase'],
      body: `<ecosystem-impact-card api-base=""></ecosystem-impact-card>
    <partner-powered-showcase api-base=""></partner-powered-showcase>`,
    },
    '/developers': {
      title: 'Build on partner-powered business data',
      lead: 'Every business a directory partner refers feeds the API data pool. See how the ecosystem grows, then build on it.',
      widgets: ['ecosystem-growth', 'ecosystem-impact-card', 'partner-powered-showcase'],
      body: `<div class="grid"><ecosystem-growth api-base=""></ecosystem-growth><ecosystem-impact-card api-base=""></ecosystem-impact-card></div>
    <partner-powered-showcase api-base="" limit="6"></partner-powered-showcase>`,
    },
    '/developer': {
      title: 'Developer dashboard',
      lead: 'Which partner networks power your data, and your Technical Partner earnings. Sign in with your API key.',
      widgets: ['partner-data-sources', 'technical-partner-upgrade'],
      body: `${signIn('developer', 'API key')}
    <partner-data-sources api-base="" data-credential="developer"></partner-data-sources>
    <technical-partner-upgrade api-base="" audience="developer" data-credential="developer"></technical-partner-upgrade>`,
    },
    '/partner': {
      title: 'Partner dashboard',
      lead: 'The developer apps running on the businesses you referred, the API usage they generate, and your earnings. Sign in with your partner token.',
      widgets: ['developer-ecosystem-tab', 'technical-partner-upgrade'],
      body: `${signIn('partner', 'Partner token')}
    <developer-ecosystem-tab api-base="" data-credential="partner"></developer-ecosystem-tab>
    <technical-partner-upgrade api-base="" audience="partner" data-credential="partner"></technical-partner-upgrade>`,
    },
    '/admin': {
      title: 'Admin hub',
      lead: 'Combined revenue of both programs, cross-pollination between them, and the health of the ecosystem. Sign in with the admin token.',
      widgets: ['admin-revenue-dashboard', 'technical-partner-approvals'],
      body: `${signIn('admin', 'Admin token')}
    <admin-revenue-dashboard api-base="" data-credential="admin"></admin-revenue-dashboard>
    <technical-partner-approvals api-base="" data-credential="admin"></technical-partner-approvals>`,
    },
  };

  router.use('/assets', express.static(ASSETS, { maxAge: '1h', fallthrough: false }));
  // browsers ask for it whatever the page says
  router.get('/favicon.ico', (_req, res) => res.redirect(301, '/assets/favicon.svg'));
  for (const [path, page] of Object.entries(pages)) {
    router.get(path, (_req, res) => {
      res.type('html').set('Cache-Control', 'no-cache').send(layout(path, page));
    });
  }

  router.get('/', (_req, res) => {
    const links = NAV.map(([href, label]) => `<li><a href="${href}">${label}</a></li>`).join('');
    res
      .type('html')
      .set('Cache-Control', 'no-cache')
      .send(
        layout('/', {
          title: 'Ecosystem Widgets',
          lead: 'Embeddable widgets that close the loop between the Partner Program and the Developer Platform.',
          widgets: ['ecosystem-impact-card'],
          body: `<ecosystem-impact-card api-base=""></ecosystem-impact-card><ul>${links}</ul>`,
        }),
      );
  });

  // A third-party directory site, embedding the public widgets the way a partner would: one script
  // tag per widget and an absolute api-base.
  router.get('/demo/directory', async (req: Request, res) => {
    const app = await knex('developer_apps').where('is_showcased', true).whereNotNull('partner_powered_at').orderBy('partner_powered_at').first('id', 'name');
    // PUBLIC_BASE_URL when set; else as this request reached the server (its protocol honours TRUST_PROXY)
    const apiBase = publicBaseUrl ?? `${req.protocol}://${req.get('host')}`;
    const widgets = ['partner-powered-badge', 'ecosystem-impact-card', 'live-business-feed'];
    res
      .type('html')
      .set('Cache-Control', 'no-cache')
      .send(`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Main Street Directory · local businesses you can trust</title>
  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/assets/pages.css">
  ${widgets.map((tag) => `<script type="module" src="${esc(apiBase)}/widgets/${tag}.js"></script>`).join('\n  ')}
</head>
<body>
  <section class="directory-hero"><h1>Main Street Directory</h1><p>Local businesses, verified by neighbours. A sample partner site embedding Ecosystem Widgets.</p></section>
  <main>
    <div class="grid">
      <live-business-feed api-base="${esc(apiBase)}"></live-business-feed>
      <ecosystem-impact-card api-base="${esc(apiBase)}"></ecosystem-impact-card>
    </div>
    <section class="listing" aria-label="Featured app">
      <h2>Featured app${app ? `: ${esc(app.name)}` : ''}</h2>
      ${app ? `<partner-powered-badge api-base="${esc(apiBase)}" app-id="${esc(app.id)}"><a href="${esc(apiBase)}/verify/apps/${esc(app.id)}">Partner-powered — verify</a></partner-powered-badge>` : '<p>No partner-powered app yet.</p>'}
    </section>
  </main>
  <footer>This page stands for a partner's own site; only the script tags and the widget tags come from Ecosystem Widgets. <a href="/">Back</a></footer>
</body>
</html>`);
  });

  return router;
}

/**
 * The widget files for embedding on any site: CORS open (module scripts are fetched in CORS mode)
 * and a cross-origin resource policy, so third-party pages may load them. The runtime chunks under
 * `chunks/` carry a content hash in their names and never change: cached for a year. A tag's entry
 * `/widgets/<tag>.js` is the stable address a page links to and changes with every release: cached
 * for five minutes (and used stale while it revalidates). `/widgets/v<version>/<tag>.js` never
 * changes and is cached for a year; its chunks resolve beside it.
 */
export function widgetRoutes(version: string): Router {
  const router = Router();
  const IMMUTABLE = 'public, max-age=31536000, immutable';
  const headers = (immutable: boolean) => (res: express.Response, path: string) => {
    const hashed = /[\\/]chunks[\\/][^\\/]+-[\w-]{8}\.js(\.map)?$/.test(path);
    res.set({
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Cache-Control': immutable || hashed ? IMMUTABLE : 'public, max-age=300, stale-while-revalidate=86400',
    });
  };
  router.use(`/widgets/v${version}`, express.static(WIDGETS_DIR, { setHeaders: headers(true), fallthrough: false, index: false }));
  router.use('/widgets', express.static(WIDGETS_DIR, { setHeaders: headers(false), fallthrough: false, index: false }));
  return router;
}

export function widgetsBuilt(): boolean {
  return existsSync(WIDGETS_DIR);
}
