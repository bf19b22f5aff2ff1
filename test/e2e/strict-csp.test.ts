import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { WIDGETS_DIR } from '../../server/pages/pages.routes.ts';
import { api, count, launchBrowser, money, type RunningServer, startServer, watchErrors, widgetText } from './support.ts';

/**
 * DESIGN §8: every widget works on a page that allows only the API's scripts and connections,
 * its own styles, and Trusted Types for Lit's policy alone. The page comes from one loopback
 * origin, the widgets and their data from the real server on another; all ten elements load
 * from their one-tag script tags, the public ones fetching their own data, the authenticated ones
 * given theirs as the `data` property (as a server-rendered host does).
 */
const csp = (api: string) =>
  `default-src 'none'; script-src ${api}; connect-src ${api}; style-src 'self'; img-src 'self' data:; require-trusted-types-for 'script'; trusted-types lit-html`;

const TAGS = [
  'partner-powered-badge',
  'ecosystem-impact-card',
  'live-business-feed',
  'partner-powered-showcase',
  'ecosystem-growth',
  'partner-data-sources',
  'technical-partner-upgrade',
  'developer-ecosystem-tab',
  'admin-revenue-dashboard',
  'technical-partner-approvals',
  'earnings-balance',
];

describe('every widget under a strict CSP with Trusted Types', () => {
  let server: RunningServer;
  let browser: Browser;
  let host: Server;
  let pageOrigin: string;
  let appId: string;

  before(async () => {
    assert.ok(existsSync(WIDGETS_DIR), 'dist/widgets is missing: run `npm run build` first');
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    appId = (await api(server.base, '/v1/public/showcase/apps?limit=1')).apps[0].id;
    const apiBase = server.base;
    const body = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>A stranger's page</title>
  <link rel="stylesheet" href="/page.css">
  ${TAGS.map((tag) => `<script type="module" src="${apiBase}/widgets/${tag}.js"></script>`).join('\n  ')}
</head>
<body>
  <partner-powered-badge api-base="${apiBase}" app-id="${appId}"></partner-powered-badge>
  <ecosystem-impact-card api-base="${apiBase}"></ecosystem-impact-card>
  <live-business-feed api-base="${apiBase}"></live-business-feed>
  <partner-powered-showcase api-base="${apiBase}" limit="6"></partner-powered-showcase>
  <ecosystem-growth api-base="${apiBase}"></ecosystem-growth>
  <partner-data-sources></partner-data-sources>
  <technical-partner-upgrade audience="developer"></technical-partner-upgrade>
  <developer-ecosystem-tab></developer-ecosystem-tab>
  <admin-revenue-dashboard></admin-revenue-dashboard>
  <technical-partner-approvals></technical-partner-approvals>
  <earnings-balance></earnings-balance>
</body>
</html>`;
    host = createServer((req, res) => {
      if (req.url === '/page.css') {
        res.writeHead(200, { 'Content-Type': 'text/css' }).end('body { margin: 2rem; font-family: serif; }');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp(apiBase) }).end(body);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    pageOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    assert.notEqual(pageOrigin, apiBase);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => host?.close(resolve));
  });

  /** Opens the page with a listener for CSP violations in place before any script runs. */
  const open = async (): Promise<{ page: Page; errors: string[]; requests: string[] }> => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { cspViolations: seen });
      document.addEventListener(
        'securitypolicyviolation',
        (event) => seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sample})`),
        true,
      );
    });
    const response = await page.goto(`${pageOrigin}/`);
    assert.equal(response?.headers()['content-security-policy'], csp(server.base), 'the page is served with the policy');
    return { page, errors, requests };
  };
  const violations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations.slice());

  it('renders every element with real data, with no violation, no console error, and Lit loaded once', async () => {
    const { page, errors, requests } = await open();
    const [impact, showcase, growth, feed, badge] = await Promise.all([
      api(server.base, '/v1/public/ecosystem/impact'),
      api(server.base, '/v1/public/showcase/apps?limit=6'),
      api(server.base, '/v1/public/ecosystem/growth'),
      api(server.base, '/v1/public/feed?newest=10&cities=5'),
      api(server.base, `/v1/public/apps/${appId}/badge`),
    ]);
    // The authenticated widgets are given their data, read here with the server-side credentials.
    const key = server.credentials.developer.api_key;
    const given = {
      'partner-data-sources': await api(server.base, '/v1/developer/me/data-sources', key),
      'technical-partner-upgrade': await api(server.base, '/v1/developer/me/technical-partner', key),
      'developer-ecosystem-tab': await api(server.base, '/v1/partner/me/developer-impact', server.credentials.partner.token),
      'admin-revenue-dashboard': {
        revenue: await api(server.base, '/v1/admin/revenue?months=12', server.adminToken),
        crossPollination: await api(server.base, '/v1/admin/cross-pollination', server.adminToken),
        health: await api(server.base, '/v1/admin/health', server.adminToken),
      },
      'technical-partner-approvals': await api(server.base, '/v1/admin/technical-partners', server.adminToken),
      'earnings-balance': {
        balances: await api(server.base, '/v1/partner/me/balances', server.credentials.partner.token),
        payouts: await api(server.base, '/v1/partner/me/payouts', server.credentials.partner.token),
      },
    };
    await page.evaluate(async (given) => {
      for (const [tag, data] of Object.entries(given)) {
        await customElements.whenDefined(tag);
        Object.assign(document.querySelector(tag)!, { data });
      }
    }, given);

    const text: Record<string, string> = {};
    for (const tag of TAGS) text[tag] = await widgetText(page, tag);

    assert.ok(text['partner-powered-badge']!.includes(badge.app.name), text['partner-powered-badge']);
    assert.ok(text['ecosystem-impact-card']!.includes(count(impact.partner_referred_businesses)), text['ecosystem-impact-card']);
    assert.ok(text['ecosystem-impact-card']!.includes(money(impact.combined_cmal_economic_impact)), text['ecosystem-impact-card']);
    assert.ok(text['live-business-feed']!.includes(count(feed.total_businesses)), text['live-business-feed']!.slice(0, 300));
    assert.ok(text['live-business-feed']!.includes(feed.newest[0].business.business_name), 'the newest business is listed');
    for (const app of showcase.apps.slice(0, 3)) assert.ok(text['partner-powered-showcase']!.includes(app.name), app.name);
    assert.ok(text['ecosystem-growth']!.includes(count(growth.months.at(-1).businesses)), text['ecosystem-growth']!.slice(0, 300));
    assert.ok(text['partner-data-sources']!.includes(given['partner-data-sources'].directories[0].directory_name));
    assert.ok(text['developer-ecosystem-tab']!.includes(count(given['developer-ecosystem-tab'].referrals.total)));
    assert.ok(text['admin-revenue-dashboard']!.includes(money(given['admin-revenue-dashboard'].revenue.totals.platform_revenue)));
    assert.ok(text['technical-partner-upgrade']!.length > 0);
    assert.ok(text['technical-partner-approvals']!.includes(given['technical-partner-approvals'].technical_partners[0].developer.email));
    assert.ok(text['earnings-balance']!.includes(money(given['earnings-balance'].balances.paid)), text['earnings-balance']!.slice(0, 300));

    // The live feed's bars are sized through the CSSOM: each as wide as its share of the largest state.
    const widest = Math.max(...feed.by_state.map((s: { businesses: number }) => s.businesses));
    const bars = await page
      .locator('live-business-feed')
      .evaluate((element) =>
        [...element.shadowRoot!.querySelectorAll<HTMLElement>('[part="bar"]')].map(
          (bar) => bar.getBoundingClientRect().width / bar.parentElement!.getBoundingClientRect().width,
        ),
      );
    // the table shows its first five rows (the element's default `rows`) until "Show all"
    assert.equal(bars.length, Math.min(5, feed.by_state.length));
    feed.by_state.slice(0, bars.length).forEach((state: { businesses: number }, i: number) => {
      assert.ok(Math.abs(bars[i]! - state.businesses / widest) < 0.02, `bar ${i}: ${bars[i]} for ${state.businesses}/${widest}`);
    });
    assert.ok(
      bars.some((width) => width < 0.9),
      'not every bar is full width',
    );
    // The stream connected: EventSource is allowed by connect-src.
    await page.waitForFunction(() => document.querySelector('live-business-feed')?.shadowRoot?.querySelector('[part="live"]')?.textContent?.trim() === 'Live');

    // One runtime: each chunk fetched once for ten entries, one copy of each Lit layer on the page.
    const chunks = requests.filter((url) => url.includes('/widgets/chunks/'));
    assert.equal(chunks.filter((url) => /\/runtime-[\w-]+\.js$/.test(url)).length, 1, chunks.join('\n'));
    assert.equal(chunks.filter((url) => /\/elements-[\w-]+\.js$/.test(url)).length, 1, chunks.join('\n'));
    const versions = await page.evaluate(() => {
      const w = window as unknown as Record<string, string[] | undefined>;
      return { html: w.litHtmlVersions, element: w.litElementVersions, reactive: w.reactiveElementVersions };
    });
    assert.deepEqual(
      Object.values(versions).map((list) => list?.length),
      [1, 1, 1],
      JSON.stringify(versions),
    );

    assert.deepEqual(await violations(page), [], 'CSP violations');
    assert.deepEqual(errors, [], 'console errors');

    // The policy is live: an inline style and an untrusted HTML string are both refused.
    const probe = await page.evaluate(() => {
      document.body.setAttribute('style', 'outline: 1px solid red');
      try {
        document.body.insertAdjacentHTML('beforeend', '<b>untrusted</b>');
        return 'allowed';
      } catch (error) {
        return (error as Error).name;
      }
    });
    assert.equal(probe, 'TypeError', 'Trusted Types refuse a plain string');
    await page.waitForFunction(() => (window as unknown as { cspViolations: string[] }).cspViolations.length >= 2);
    const seen = await violations(page);
    assert.ok(
      seen.some((v) => v.startsWith('style-src-attr')),
      seen.join('\n'),
    );
    assert.ok(
      seen.some((v) => v.startsWith('require-trusted-types-for')),
      seen.join('\n'),
    );
    await page.close();
  });

  it('serves the hashed chunks immutable and the tag entries briefly, both open to any origin', async () => {
    const entry = await fetch(`${server.base}/widgets/partner-powered-badge.js`);
    assert.equal(entry.status, 200);
    assert.equal(entry.headers.get('access-control-allow-origin'), '*');
    assert.match(entry.headers.get('cache-control') ?? '', /^public, max-age=300\b/);
    const chunk = /from\s*"\.\/(chunks\/runtime-[\w-]+\.js)"/.exec(await entry.text())?.[1];
    assert.ok(chunk, 'the badge entry imports the runtime chunk');
    const response = await fetch(`${server.base}/widgets/${chunk}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
  });
});
