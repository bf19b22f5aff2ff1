import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Request, Router } from 'express';
import type { Knex } from 'knex';
import { esc, pageHead, SITE_NAME, shell } from './layout.ts';

const ASSETS = fileURLToPath(new URL('./assets', import.meta.url));
export const WIDGETS_DIR = fileURLToPath(new URL('../../dist/widgets', import.meta.url));

interface Page {
  title: string;
  lead: string;
  eyebrow: string;
  /** Widget tags whose per-element bundle the page loads. */
  widgets: string[];
  /** Whether the page signs in (its form and widgets are wired by sign-in.js). */
  signIn?: boolean;
  body: string;
}

function hostPage(path: string, page: Page): string {
  return shell({
    path,
    title: page.title,
    description: page.lead,
    identity: true,
    modules: [...page.widgets.map((tag) => `/widgets/${tag}.js`), ...(page.signIn ? ['/assets/sign-in.js'] : []), '/assets/host.js'],
    body: `${pageHead(page.title, page.lead, page.eyebrow)}
    ${page.body}`,
  });
}

function signIn(audience: 'partner' | 'developer' | 'admin', label: string, hint: string): string {
  return `<form class="sign-in card" data-audience="${audience}">
      <div class="sign-in-fields">
        <label for="credential">${label}</label>
        <input id="credential" type="password" name="token" autocomplete="off" spellcheck="false" required aria-describedby="credential-hint">
        <button type="submit" class="button">Sign in</button>
      </div>
      <p class="hint" id="credential-hint">${hint}</p>
      <output aria-live="polite">Not signed in.</output>
    </form>`;
}

const LANDING = `    <section class="hero" aria-labelledby="hero-title">
      <div class="hero-text">
        <p class="eyebrow">Partner Program × Developer Platform</p>
        <h1 id="hero-title">Turn partner referrals into developer data, and developer apps into partner earnings.</h1>
        <p class="lead">Embeddable web components and a small API: directory partners see what their referrals are worth, developers see which partners power their data, and one tag puts either on any site.</p>
        <div class="actions">
          <a class="button" href="/partner">Partner dashboard</a>
          <a class="button" href="/developers">Build on the data</a>
          <a class="button secondary" href="/showcase">See the showcase</a>
        </div>
        <p class="hero-more"><a href="/demo/directory">Or see the widgets on a sample partner site →</a></p>
      </div>
      <figure class="hero-code">
        <figcaption>Embed on any site</figcaption>
        <pre class="code"><code><span class="tag">&lt;script</span> <span class="attr">type</span>=<span class="str">"module"</span>
  <span class="attr">src</span>=<span class="str">"https://your-api/widgets/ecosystem-impact-card.js"</span><span class="tag">&gt;</span>
<span class="tag">&lt;/script&gt;</span>

<span class="tag">&lt;ecosystem-impact-card</span>
  <span class="attr">api-base</span>=<span class="str">"https://your-api"</span><span class="tag">&gt;</span>
<span class="tag">&lt;/ecosystem-impact-card&gt;</span></code></pre>
      </figure>
    </section>
    <section class="section" aria-labelledby="loop">
      <h2 id="loop">One loop, two programs</h2>
      <ol class="steps">
        <li class="card"><h3>Partners refer</h3><p>Directory sites refer businesses to the platform and earn a commission on what those businesses pay.</p></li>
        <li class="card"><h3>Data feeds the pool</h3><p>Every converted, verified business joins the API data pool that developers build on.</p></li>
        <li class="card"><h3>Apps pay it back</h3><p>Apps bring more businesses in; a Technical Partner earns from both channels.</p></li>
      </ol>
    </section>
    <section class="section" aria-labelledby="today">
      <h2 id="today">The ecosystem today</h2>
      <ecosystem-impact-card api-base=""></ecosystem-impact-card>
    </section>
    <section class="section" aria-labelledby="audiences">
      <h2 id="audiences">For everyone in the loop</h2>
      <div class="cards">
        <a class="card link-card" href="/partner"><h3>Directory partners</h3><p>The apps built on the businesses you referred, the API usage they generate and your earnings.</p><span>Partner dashboard →</span></a>
        <a class="card link-card" href="/developer"><h3>Developers</h3><p>Which partner networks power your data, and the upgrade to Technical Partner.</p><span>Developer dashboard →</span></a>
        <a class="card link-card" href="/admin"><h3>Platform team</h3><p>Revenue of both programs, cross-pollination between them and ecosystem health.</p><span>Admin hub →</span></a>
      </div>
    </section>`;

/** The host pages: plain HTML built only from the widget tags, to see the embeds on real pages. */
export function pageRoutes(knex: Knex, publicBaseUrl?: string): Router {
  const router = Router();
  const pages: Record<string, Page> = {
    '/showcase': {
      title: 'Partner-Powered apps',
      eyebrow: 'Showcase',
      lead: 'Apps built on business data that directory partners brought to the platform, and the directories behind each one.',
      widgets: ['ecosystem-impact-card', 'partner-powered-showcase'],
      body: `<ecosystem-impact-card api-base=""></ecosystem-impact-card>
    <partner-powered-showcase api-base=""></partner-powered-showcase>`,
    },
    '/developers': {
      title: 'Build on partner-powered business data',
      eyebrow: 'For developers',
      lead: 'Every business a directory partner refers feeds the API data pool. See how the ecosystem grows, then build on it.',
      widgets: ['ecosystem-growth', 'ecosystem-impact-card', 'partner-powered-showcase'],
      body: `<div class="actions"><a class="button" href="/developer">Open the developer dashboard</a><a class="button secondary" href="/docs/">API reference</a></div>
    <div class="grid"><ecosystem-growth api-base=""></ecosystem-growth><ecosystem-impact-card api-base=""></ecosystem-impact-card></div>
    <partner-powered-showcase api-base="" limit="6"></partner-powered-showcase>`,
    },
    '/developer': {
      title: 'Developer dashboard',
      eyebrow: 'Dashboards',
      lead: 'Which partner networks power your data, your Technical Partner earnings and their payouts.',
      widgets: ['partner-data-sources', 'technical-partner-upgrade', 'earnings-balance'],
      signIn: true,
      body: `${signIn('developer', 'API key', 'Your key goes to this server once; the page keeps no copy.')}
    <partner-data-sources api-base="" data-credential="developer"></partner-data-sources>
    <technical-partner-upgrade api-base="" audience="developer" data-credential="developer"></technical-partner-upgrade>
    <earnings-balance api-base="" audience="developer" data-credential="developer"></earnings-balance>`,
    },
    '/partner': {
      title: 'Partner dashboard',
      eyebrow: 'Dashboards',
      lead: 'The developer apps running on the businesses you referred, the API usage they generate, and your earnings.',
      widgets: ['developer-ecosystem-tab', 'earnings-balance', 'technical-partner-upgrade'],
      signIn: true,
      body: `${signIn('partner', 'Partner token', 'Your token goes to this server once; the page keeps no copy.')}
    <developer-ecosystem-tab api-base="" data-credential="partner"></developer-ecosystem-tab>
    <earnings-balance api-base="" audience="partner" data-credential="partner"></earnings-balance>
    <technical-partner-upgrade api-base="" audience="partner" data-credential="partner"></technical-partner-upgrade>`,
    },
    '/admin': {
      title: 'Admin hub',
      eyebrow: 'Dashboards',
      lead: 'Combined revenue of both programs, cross-pollination between them, and the health of the ecosystem.',
      widgets: ['admin-revenue-dashboard', 'technical-partner-approvals'],
      signIn: true,
      body: `${signIn('admin', 'Admin token', 'The token goes to this server once; the page keeps no copy.')}
    <admin-revenue-dashboard api-base="" data-credential="admin"></admin-revenue-dashboard>
    <technical-partner-approvals api-base="" data-credential="admin"></technical-partner-approvals>`,
    },
  };

  router.use('/assets', express.static(ASSETS, { maxAge: '1h', fallthrough: false }));
  // browsers ask for it whatever the page says
  router.get('/favicon.ico', (_req, res) => res.redirect(301, '/assets/favicon.svg'));
  for (const [path, page] of Object.entries(pages)) {
    router.get(path, (_req, res) => {
      res.type('html').set('Cache-Control', 'no-cache').send(hostPage(path, page));
    });
  }

  router.get('/', (_req, res) => {
    res
      .type('html')
      .set('Cache-Control', 'no-cache')
      .send(
        shell({
          path: '/',
          title: SITE_NAME,
          description: 'Embeddable widgets and an API that close the loop between a Partner Program and a Developer Platform.',
          identity: true,
          modules: ['/widgets/ecosystem-impact-card.js', '/assets/host.js'],
          mainClass: 'landing',
          body: LANDING,
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
  <link rel="stylesheet" href="/assets/demo-site.css">
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
  <footer>This page stands for a partner's own site; only the script tags and the widget tags come from Ecosystem Widgets. <a href="/">Back to Ecosystem Widgets</a></footer>
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
