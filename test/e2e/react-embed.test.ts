import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import type { Browser } from 'playwright-core';
import { buildReactApp, type ReactApp } from '../helpers/react-app.ts';
import { listen } from '../helpers/server.ts';
import { launchBrowser, type RunningServer, startServer, watchErrors } from './support.ts';

/**
 * What a customer does (DESIGN §8): the packed `ecosystem-widgets` package installed into a fresh
 * React 19 + Vite + TypeScript app, built, and served from an origin other than the API's under
 * the published strict CSP, with the host's own server minting embed sessions with its partner
 * token. The page must show real data with no CSP violation, no console error, and Lit once.
 */
/** Another site of the same partner: its sessions must not work on this one. */
const OTHER_SITE = 'https://other-site.example';

describe('the widgets package in a React 19 app on another origin, under a strict CSP', () => {
  let api: RunningServer;
  let app: ReactApp;
  let host: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let minted = 0;

  before(async () => {
    [api, app, browser] = await Promise.all([startServer(), buildReactApp(), launchBrowser()]);
    const partnerToken = api.credentials.partner.token;
    const site = express();
    // the host's own route: its server holds the partner token and mints a session for its page
    site.post('/embed-session', async (_req, res) => {
      minted++;
      const answer = await fetch(`${api.base}/v1/partner/embed-sessions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${partnerToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ origin: host.base, ttl_seconds: 120 }),
      });
      res
        .status(answer.status)
        .type('json')
        .send(await answer.text());
    });
    site.use((_req, res, next) => {
      res.set(
        'Content-Security-Policy',
        `default-src 'none'; script-src 'self'; connect-src 'self' ${api.base}; style-src 'self'; img-src 'self' data:; ` +
          `require-trusted-types-for 'script'; trusted-types lit-html`,
      );
      next();
    });
    site.use(express.static(app.dist));
    site.get('/favicon.ico', (_req, res) => void res.status(204).end()); // the browser asks on its own
    host = await listen(site);
    // the partner allows its site's origin (server to server: no Origin header)
    const allowed = await fetch(`${api.base}/v1/partner/me/allowed-origins`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${partnerToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ allowed_origins: [host.base, OTHER_SITE] }),
    });
    assert.equal(allowed.status, 200, await allowed.text());
  });

  after(async () => {
    await browser?.close();
    await host?.close();
    await api?.stop();
    app?.remove();
  });

  it('shows real data with zero CSP violations, zero console errors, and Lit loaded once', async () => {
    const showcase = (await (await fetch(`${api.base}/v1/public/showcase/apps?limit=1`)).json()) as { apps: { id: string; name: string }[] };
    const shown = showcase.apps[0]!;
    const impact = (await (await fetch(`${api.base}/v1/public/ecosystem/impact`)).json()) as { partner_referred_businesses: number };
    const partnerView = (await (
      await fetch(`${api.base}/v1/partner/me/developer-impact`, { headers: { Authorization: `Bearer ${api.credentials.partner.token}` } })
    ).json()) as { partner: { directory_name: string } };

    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { violations: string[] }).violations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    const query = new URLSearchParams({ 'api-base': api.base, 'app-id': shown.id, 'session-url': '/embed-session' });
    await page.goto(`${host.base}/?${query}`);

    const states = await page
      .waitForFunction(
        () => {
          const tags = ['partner-powered-badge', 'ecosystem-impact-card', 'developer-ecosystem-tab'];
          const states = tags.map((tag) => document.querySelector(tag)?.getAttribute('state'));
          return states.every((state) => state === 'data') ? states : false;
        },
        undefined,
        { timeout: 20_000 },
      )
      .then((handle) => handle.jsonValue())
      .catch(async () =>
        page.evaluate(() =>
          ['partner-powered-badge', 'ecosystem-impact-card', 'developer-ecosystem-tab'].map((t) => document.querySelector(t)?.getAttribute('state')),
        ),
      );
    assert.deepEqual(states, ['data', 'data', 'data'], `states: ${JSON.stringify(states)}; errors: ${errors.join(' | ')}`);

    const text = (tag: string) => page.evaluate((t) => document.querySelector(t)?.shadowRoot?.textContent ?? '', tag);
    assert.ok((await text('partner-powered-badge')).includes(shown.name), 'the badge names the showcased app');
    assert.ok(
      (await text('ecosystem-impact-card')).includes(impact.partner_referred_businesses.toLocaleString('en-US')),
      'the impact card shows the API figure',
    );
    assert.ok(
      (await text('developer-ecosystem-tab')).includes(partnerView.partner.directory_name),
      'the partner tab shows the partner’s own data, through its embed session',
    );

    const violations = await page.evaluate(() => (window as unknown as { violations: string[] }).violations);
    assert.deepEqual(violations, [], 'CSP violations');
    assert.deepEqual(errors, [], 'console errors');
    const lit = await page.evaluate(() => {
      const w = window as unknown as { litHtmlVersions?: string[]; litElementVersions?: string[]; reactiveElementVersions?: string[] };
      return [w.litHtmlVersions?.length, w.litElementVersions?.length, w.reactiveElementVersions?.length];
    });
    assert.deepEqual(lit, [1, 1, 1], 'Lit loaded once');
    assert.equal(minted, 1, 'one session for the page');
    await page.close();
  });

  it('refuses, in the browser, a session minted for another origin and a long-lived token', async () => {
    const mint = async (origin: string) => {
      const res = await fetch(`${api.base}/v1/partner/embed-sessions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${api.credentials.partner.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ origin }),
      });
      return ((await res.json()) as { client_secret: string }).client_secret;
    };
    const [own, other] = [await mint(host.base), await mint(OTHER_SITE)];
    const page = await browser.newPage();
    await page.goto(`${host.base}/?api-base=${encodeURIComponent(api.base)}`);
    // what a script on this page gets back for each credential (a refused request may also be unreadable: CORS)
    const ask = (secret: string) =>
      page.evaluate(
        async ({ url, secret }) => {
          try {
            const res = await fetch(url, { headers: { Authorization: `Bearer ${secret}` } });
            return { status: res.status, body: await res.text() };
          } catch (error) {
            return { status: 0, body: String(error) };
          }
        },
        { url: `${api.base}/v1/partner/me/developer-impact`, secret },
      );
    const ownAnswer = await ask(own);
    assert.equal(ownAnswer.status, 200, 'the page’s own session works');
    for (const [what, secret] of [
      ['a session of another origin', other],
      ['the long-lived partner token', api.credentials.partner.token],
    ] as const) {
      const answer = await ask(secret);
      assert.notEqual(answer.status, 200, `${what} was accepted`);
      assert.ok(!answer.body.includes('"commissions"'), `${what} read the partner's data`);
      if (answer.status !== 0) assert.equal(answer.status, 403, `${what}: ${answer.body}`);
      if (secret === api.credentials.partner.token && answer.status === 403) assert.match(answer.body, /embed-sessions/);
    }
    await page.close();
  });
});
