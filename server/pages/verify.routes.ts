import { type Request, Router } from 'express';
import type { Knex } from 'knex';
import { Uuid } from '../http/schemas.ts';
import { type VerifiedApp, verifiedApp } from '../resources/public/public.service.ts';

/** Escapes text for HTML: page content that comes from data is never markup. */
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const dateOf = (iso: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
const count = (n: number) => new Intl.NumberFormat('en-US').format(n);
const percent = (share: string) => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(Number(share) / 100);

/** Only web links are followed: an app's URL is third-party data. */
const webUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : undefined);

interface Page {
  title: string;
  description: string;
  canonical: string;
  /** Search engines index verified apps only. */
  index: boolean;
  body: string;
}

function layout(page: Page): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${esc(page.title)} · Ecosystem Widgets</title>
  <meta name="description" content="${esc(page.description)}">
  ${page.index ? '' : '<meta name="robots" content="noindex">\n  '}<link rel="canonical" href="${esc(page.canonical)}">
  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/assets/pages.css">
</head>
<body>
  <header class="site"><a href="/"><strong>Ecosystem</strong></a><nav aria-label="Pages"><a href="/showcase">Showcase</a><a href="/developers">For developers</a></nav></header>
  <main>
${page.body}
  </main>
</body>
</html>`;
}

function verifiedBody(v: VerifiedApp): string {
  const url = webUrl(v.app.url);
  const name = url ? `<a href="${esc(url)}" rel="noopener noreferrer">${esc(v.app.name)}</a>` : esc(v.app.name);
  const rows = v.directories
    .map((d) => `<li><span>${esc(d.directory_name)}</span> — ${percent(d.share_percent)} <small>(${count(d.records_served)} records)</small></li>`)
    .join('\n        ');
  return `    <h1>Verified: ${esc(v.app.name)} is Partner-Powered</h1>
    <p class="lead">${name} is built on business data that directory partners brought to the platform.</p>
    <section class="listing" aria-labelledby="facts">
      <h2 id="facts">Partner-Powered since <time datetime="${esc(v.partner_powered_since)}">${dateOf(v.partner_powered_since)}</time></h2>
      <p>${count(v.records_served)} partner-referred business records served to this app.</p>
    </section>
    <section class="listing" aria-labelledby="directories">
      <h2 id="directories">Contributing directories (${count(v.directories.length)})</h2>
      ${v.directories.length ? `<ul>\n        ${rows}\n      </ul>` : '<p>No directory counted yet.</p>'}
    </section>`;
}

const NOT_VERIFIED_BODY = `    <h1>Not verified</h1>
    <p class="lead">This app is not a verified Partner-Powered app: it is unknown here, or it is not partner-powered.</p>
    <p>A badge that links here makes a claim this page cannot confirm. <a href="/showcase">See the verified Partner-Powered apps</a>.</p>`;

/**
 * The public verify page of an app, server-rendered and script-free: what a badge links to, what a
 * visitor without JavaScript or a search engine reads. Cached briefly, like the public API.
 */
export function verifyRoutes(knex: Knex, publicBaseUrl?: string): Router {
  const router = Router();
  router.get('/verify/apps/:appId', async (req: Request<{ appId: string }>, res) => {
    const base = publicBaseUrl ?? `${req.protocol}://${req.get('host')}`;
    // A malformed id is an unknown app here: a visitor gets the same "not verified" page.
    const id = Uuid.safeParse(req.params.appId);
    const verified = id.success ? await verifiedApp(knex, id.data) : undefined;
    const canonical = `${base}/verify/apps/${encodeURIComponent(req.params.appId)}`;
    res.type('html');
    if (!verified) {
      res
        .status(404)
        .set('Cache-Control', 'public, max-age=60')
        .send(
          layout({
            title: 'Not verified',
            description: 'This app is not a verified Partner-Powered app.',
            canonical,
            index: false,
            body: NOT_VERIFIED_BODY,
          }),
        );
      return;
    }
    const directories = verified.directories.length;
    res.set('Cache-Control', 'public, max-age=300, stale-while-revalidate=3600').send(
      layout({
        title: `${verified.app.name} is Partner-Powered`,
        description: `${verified.app.name} is a verified Partner-Powered app since ${dateOf(verified.partner_powered_since)}, built on business data from ${count(directories)} partner ${directories === 1 ? 'directory' : 'directories'}.`,
        canonical,
        index: true,
        body: verifiedBody(verified),
      }),
    );
  });
  return router;
}
