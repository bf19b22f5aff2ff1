import { type Request, Router } from 'express';
import type { Knex } from 'knex';
import { Uuid } from '../http/schemas.ts';
import { type VerifiedApp, verifiedApp } from '../resources/public/public.service.ts';
import { esc, shell } from './layout.ts';

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

/** In the site shell, without the signed-in identity: the page is publicly cached and script-free. */
const layout = (page: Page) =>
  shell({
    path: '/verify',
    title: page.title,
    description: page.description,
    head: `${page.index ? '' : '<meta name="robots" content="noindex">\n  '}<link rel="canonical" href="${esc(page.canonical)}">`,
    mainClass: 'narrow',
    body: page.body,
  });

function verifiedBody(v: VerifiedApp): string {
  const url = webUrl(v.app.url);
  const name = url ? `<a href="${esc(url)}" rel="noopener noreferrer">${esc(v.app.name)}</a>` : esc(v.app.name);
  const rows = v.directories
    .map((d) => `<li><span>${esc(d.directory_name)}</span> — ${percent(d.share_percent)} <small>(${count(d.records_served)} records)</small></li>`)
    .join('\n        ');
  return `    <div class="page-head">
      <p class="eyebrow verified-mark">Verified Partner-Powered app</p>
      <h1>Verified: ${esc(v.app.name)} is Partner-Powered</h1>
      <p class="lead">${name} is built on business data that directory partners brought to the platform.</p>
    </div>
    <section class="card listing" aria-labelledby="facts">
      <h2 id="facts">Partner-Powered since <time datetime="${esc(v.partner_powered_since)}">${dateOf(v.partner_powered_since)}</time></h2>
      <p>${count(v.records_served)} partner-referred business records served to this app.</p>
    </section>
    <section class="card listing" aria-labelledby="directories">
      <h2 id="directories">Contributing directories (${count(v.directories.length)})</h2>
      ${v.directories.length ? `<ul class="directory-list">\n        ${rows}\n      </ul>` : '<p>No directory counted yet.</p>'}
    </section>`;
}

const NOT_VERIFIED_BODY = `    <div class="page-head">
      <p class="eyebrow">Verification</p>
      <h1>Not verified</h1>
      <p class="lead">This app is not a verified Partner-Powered app: it is unknown here, or it is not partner-powered.</p>
    </div>
    <p>A badge that links here makes a claim this page cannot confirm.</p>
    <div class="actions"><a class="button" href="/showcase">See the verified Partner-Powered apps</a><a class="button secondary" href="/">Home</a></div>`;

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
