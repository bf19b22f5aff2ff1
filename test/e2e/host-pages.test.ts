import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { api, count, launchBrowser, money, type RunningServer, signIn, startServer, watchErrors, widgetText } from './support.ts';

/**
 * End to end: the real server on the embedded database with demo data, every host page in
 * headless Chromium, each widget showing the API's own figures, and no page logging an error.
 */
describe('host pages in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (path: string) => {
    page = await browser.newPage();
    errors = watchErrors(page);
    const response = await page.goto(`${server.base}${path}`);
    assert.ok(response, `${path}: no response`);
    assert.equal(response.status(), 200, path);
  };
  const done = async () => {
    assert.deepEqual(errors, [], 'the page logged errors');
    await page.close();
  };

  it('/ and /showcase show the impact and the partner-powered apps from the API', async () => {
    const impact = await api(server.base, '/v1/public/ecosystem/impact');
    const showcase = await api(server.base, '/v1/public/showcase/apps');
    assert.ok(impact.partner_referred_businesses > 0 && showcase.apps.length > 0, 'demo data present');

    await open('/');
    const home = await widgetText(page, 'ecosystem-impact-card');
    assert.ok(home.includes(count(impact.partner_referred_businesses)), home);
    assert.ok(home.includes(money(impact.combined_cmal_economic_impact)), home);
    await done();

    await open('/showcase');
    assert.ok((await widgetText(page, 'ecosystem-impact-card')).includes(count(impact.apps_powered_by_partner_data)));
    const gallery = await widgetText(page, 'partner-powered-showcase');
    for (const app of showcase.apps.slice(0, 3)) assert.ok(gallery.includes(app.name), `${app.name} in ${gallery.slice(0, 300)}`);
    assert.ok(gallery.includes(showcase.apps[0].contributing_directories[0].directory_name));
    await done();
  });

  it('/developers shows ecosystem size and growth', async () => {
    const growth = await api(server.base, '/v1/public/ecosystem/growth');
    await open('/developers');
    const chart = await widgetText(page, 'ecosystem-growth');
    const last = growth.months.at(-1);
    assert.ok(chart.includes(count(last.businesses)), `${count(last.businesses)} in ${chart.slice(0, 400)}`);
    await widgetText(page, 'ecosystem-impact-card');
    await widgetText(page, 'partner-powered-showcase');
    await done();
  });

  it('/developer signs in with an API key and shows the data sources and Technical Partner status', async () => {
    const key = server.credentials.developer.api_key;
    const sources = await api(server.base, '/v1/developer/me/data-sources', key);
    const partnership = await api(server.base, '/v1/developer/me/technical-partner', key);
    await open('/developer');
    assert.equal(await page.locator('partner-data-sources').getAttribute('state'), 'idle', 'nothing fetched before sign-in');
    await signIn(page, key);
    const text = await widgetText(page, 'partner-data-sources');
    assert.ok(text.includes(sources.directories[0].directory_name), text.slice(0, 300));
    assert.ok(text.includes(count(sources.records_served)), text.slice(0, 300));
    // the demo developer is linked to a directory, and every such developer has applied
    assert.ok(partnership.technical_partner, 'the demo developer has a Technical Partner application');
    const upgrade = await widgetText(page, 'technical-partner-upgrade');
    assert.ok(upgrade.includes(money(partnership.technical_partner.total_app_earnings)), upgrade.slice(0, 300));
    // the developer's own balances and payouts, through the developer routes
    const balances = await api(server.base, '/v1/developer/me/balances', key);
    const earned = await widgetText(page, 'earnings-balance');
    assert.ok(earned.includes(money(balances.paid)) && earned.includes(money(balances.next_payout.expected_amount)), earned.slice(0, 300));
    // the page keeps no credential: not in its markup, its storage or a cookie it can read
    // (the sign-in cookie is HttpOnly and holds a random host-session id)
    assert.ok(!(await page.content()).includes(key));
    const visible = await page.evaluate(() => JSON.stringify([{ ...sessionStorage }, { ...localStorage }, document.cookie]));
    assert.ok(!visible.includes(key) && !visible.includes('ew_host_session'), visible);
    await done();
  });

  it('/partner signs in with a partner token and shows the developer ecosystem tab', async () => {
    const token = server.credentials.partner.token;
    const impact = await api(server.base, '/v1/partner/me/developer-impact', token);
    await open('/partner');
    await signIn(page, token);
    const text = await widgetText(page, 'developer-ecosystem-tab');
    assert.ok(text.includes(impact.partner.directory_name), text.slice(0, 400));
    assert.ok(text.includes(count(impact.referrals.total)), text.slice(0, 400));
    assert.ok(impact.apps.length > 0, 'apps are powered by the demo directory');
    assert.ok(text.includes(impact.apps[0].name), `${impact.apps[0].name} in ${text.slice(0, 400)}`);
    await page.locator('developer-ecosystem-tab #tab-earnings').click();
    await page.locator('developer-ecosystem-tab #panel-earnings .figure').first().waitFor(); // the panel's code loads when first opened
    const earnings = await widgetText(page, 'developer-ecosystem-tab');
    assert.ok(earnings.includes(money(impact.commissions.total)), earnings.slice(0, 400));
    const balances = await api(server.base, '/v1/partner/me/balances', token);
    const earned = await widgetText(page, 'earnings-balance');
    assert.ok(earned.includes(money(balances.approved)) && earned.includes(money(balances.paid)), earned.slice(0, 300));
    await widgetText(page, 'technical-partner-upgrade');
    await done();
  });

  it('sign-in hands the widgets one fetchSession for this origin and leaves no credential in the page', async () => {
    const token = server.credentials.partner.token;
    await open('/partner');
    await signIn(page, token);
    await page.waitForFunction(
      () => typeof (document.querySelector('developer-ecosystem-tab') as { fetchSession?: unknown } | null)?.fetchSession === 'function',
    );
    const result = await page.evaluate(async () => {
      type WithSession = Element & { fetchSession: () => Promise<{ client_secret: string; origin: string }> };
      const tab = document.querySelector('developer-ecosystem-tab') as WithSession;
      const upgrade = document.querySelector('technical-partner-upgrade') as WithSession;
      return { shared: tab.fetchSession === upgrade.fetchSession, session: await tab.fetchSession(), cookie: document.cookie };
    });
    assert.ok(result.shared, 'every widget of the page gets the same function');
    assert.match(result.session.client_secret, /^ews_/);
    assert.equal(result.session.origin, new URL(server.base).origin);
    assert.ok(!result.cookie.includes('ew_host_session'), 'the sign-in cookie is HttpOnly');
    assert.ok(!(await page.content()).includes(token));
    // the header says who is signed in, and the form steps aside
    const identity = page.locator('header.site [data-identity]');
    await identity.waitFor({ state: 'visible' });
    assert.ok((await identity.textContent())?.includes(server.credentials.partner.directory_name), "the directory's name in the header");
    assert.ok(await page.locator('form.sign-in').isHidden());
    // sign-out (in the header) ends the host session and reloads the page, dropping what the widgets hold
    await Promise.all([page.waitForEvent('load'), identity.locator('[data-action="sign-out"]').click()]);
    assert.equal((await page.evaluate(() => fetch('/session').then((res) => res.json()))).audience, null);
    assert.ok(await identity.isHidden(), 'nobody signed in after sign-out');
    assert.ok(await page.locator('form.sign-in').isVisible());
    await done();
  });

  it('the site shell: navigation on a wide screen, a menu button on a phone, the API reference and the HTML 404', async () => {
    await open('/docs/');
    const nav = page.locator('header.site nav');
    assert.ok((await nav.isVisible()) && (await page.locator('.menu > summary').isHidden()), 'wide: the navigation shows, the button hides');
    await page.locator('#swagger-ui .opblock').first().waitFor(); // Swagger UI drew the document under the pages' CSP
    await done();

    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    errors = watchErrors(page);
    await page.goto(`${server.base}/showcase`);
    assert.ok(await page.locator('header.site nav').isHidden(), 'phone: the navigation waits behind the button');
    await page.locator('.menu > summary').click();
    await page.locator('header.site nav a[href="/developers"]').click();
    await page.waitForURL(/\/developers$/);
    await done();

    page = await browser.newPage();
    const response = await page.goto(`${server.base}/no/such/page`);
    assert.equal(response?.status(), 404);
    assert.equal(await page.locator('h1').textContent(), 'Page not found');
    await Promise.all([page.waitForURL(`${server.base}/`), page.locator('main a[href="/"]').click()]);
    await page.close();
  });

  it('/admin signs in with the admin token and shows revenue, and the fraud review queue when its tab opens', async () => {
    const revenue = await api(server.base, '/v1/admin/revenue', server.adminToken);
    await open('/admin');
    await signIn(page, server.adminToken);
    const text = await widgetText(page, 'admin-revenue-dashboard');
    assert.ok(text.includes(money(revenue.totals.platform_revenue)), text.slice(0, 400));
    const signals = await api(server.base, '/v1/admin/fraud-signals?state=open', server.adminToken);
    await page.locator('admin-revenue-dashboard #tab-fraud').click(); // the panel's code loads when first opened
    await page.locator('admin-revenue-dashboard .review .empty, admin-revenue-dashboard .review li, admin-revenue-dashboard .review .error').first().waitFor();
    assert.equal(await page.locator('admin-revenue-dashboard .review .state.error').count(), 0);
    assert.equal(await page.locator('admin-revenue-dashboard .review li[part="signal"]').count(), signals.fraud_signals.length);
    await done();
  });

  it('/demo/directory embeds the badge, the impact card and the live feed; a conversion appears live', async () => {
    const feed = await api(server.base, '/v1/public/feed');
    await open('/demo/directory');
    const badge = await widgetText(page, 'partner-powered-badge');
    const appId = await page.locator('partner-powered-badge').getAttribute('app-id');
    const expected = await api(server.base, `/v1/public/apps/${appId}/badge`);
    assert.match(badge, /Partner-Powered/i);
    assert.ok(badge.includes(expected.app.name), badge);
    assert.ok(badge.includes(count(expected.records_served)), badge);
    await widgetText(page, 'ecosystem-impact-card');
    const before = await widgetText(page, 'live-business-feed');
    assert.ok(before.includes(count(feed.total_businesses)), before.slice(0, 300));

    // a directory refers a new business, the platform verifies it and it converts
    const partner = server.credentials.partner;
    const name = `Fresh Bakery ${randomUUID().slice(0, 6)}`;
    const business = await api(server.base, '/v1/events/businesses', server.adminToken, {
      method: 'POST',
      body: { business_name: name, category: 'Bakeries', city: 'Lyon', state: 'IL', is_verified: true },
    });
    await api(server.base, '/v1/events/referrals', server.adminToken, { method: 'POST', body: { partner_id: partner.id, business_id: business.id } });
    await api(server.base, '/v1/events/conversions', server.adminToken, { method: 'POST', body: { partner_id: partner.id, business_id: business.id } });
    // it arrives through the page's live stream; latency belongs to `npm run bench`
    await page.waitForFunction((text) => document.querySelector('live-business-feed')?.shadowRoot?.textContent?.includes(text), name);
    const after = await widgetText(page, 'live-business-feed');
    assert.ok(after.includes(count(feed.total_businesses + 1)), 'the total counts the new business');
    await done();
  });
});
