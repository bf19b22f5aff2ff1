import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { api, launchBrowser, type RunningServer, signIn, startServer, watchErrors, widgetText } from './support.ts';

/**
 * The Technical Partner lifecycle through the host pages only, in headless Chromium on the real
 * server: a newcomer directory applies on /partner (its call to action turns to the pending
 * application at once), the admin approves it on /admin, and the partner finds itself active on
 * /partner and retrieves its preferential key there, once.
 */
describe('Technical Partner flow through the host pages', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A page in a browser of its own (its own host-session cookie), signed in with `secret`. */
  const signedIn = async (path: string, secret: string): Promise<{ page: Page; errors: string[] }> => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    const errors = watchErrors(page);
    assert.equal((await page.goto(`${server.base}${path}`))?.status(), 200, path);
    await signIn(page, secret);
    return { page, errors };
  };
  const shadowText = (page: Page, tag: string) => page.locator(tag).evaluate((el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim());
  const waitForText = (page: Page, tag: string, text: string) =>
    page.waitForFunction(([tag, text]) => (document.querySelector(tag!)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').includes(text!), [tag, text], {
      timeout: 10_000,
    });

  it('a newcomer partner applies, the admin approves, the partner sees "active" and its key once', async () => {
    const newcomer = server.credentials.newcomer_partner;
    // The platform gives a directory without a developer account one, linked to it (docs/DECISIONS.md,
    // Technical Partners): the state a directory is in when it applies from its dashboard.
    const email = `newcomer-${randomUUID().slice(0, 8)}@directory.example`;
    await api(server.base, '/v1/admin/developers', server.adminToken, {
      method: 'POST',
      body: { name: 'Newcomer Developer', email, partner_id: newcomer.id },
    });
    const appName = `Newcomer Maps ${randomUUID().slice(0, 6)}`;

    // 1. /partner: the call to action, then the application
    const partner = await signedIn('/partner', newcomer.token);
    await partner.page.waitForFunction(() => ['data', 'empty'].includes(document.querySelector('developer-ecosystem-tab')?.getAttribute('state') ?? ''));
    assert.ok((await shadowText(partner.page, 'developer-ecosystem-tab')).includes('Become a Technical Partner'));
    await partner.page.waitForFunction(() => document.querySelector('technical-partner-upgrade')?.getAttribute('state') === 'empty');
    await partner.page.locator('technical-partner-upgrade #field-email').fill(email);
    await partner.page.locator('technical-partner-upgrade #field-app_name').fill(appName);
    await partner.page.locator('technical-partner-upgrade form button[type="submit"]').click();
    await waitForText(partner.page, 'technical-partner-upgrade', 'Pending review');
    // the ecosystem tab on the same page heard the application: no reload, no call to action
    await partner.page.waitForFunction(() => {
      const root = document.querySelector('developer-ecosystem-tab')?.shadowRoot;
      return root && !root.querySelector('.cta') && (root.querySelector('.tp')?.textContent ?? '').includes('Pending');
    });
    assert.ok(!(await shadowText(partner.page, 'developer-ecosystem-tab')).includes('Become a Technical Partner'));

    // 2. /admin: the application first in the queue, with its evidence; approved after confirmation
    const admin = await signedIn('/admin', server.adminToken);
    const queue = await widgetText(admin.page, 'technical-partner-approvals');
    assert.ok(queue.includes(appName), queue.slice(0, 400));
    const first = await admin.page.locator('technical-partner-approvals li').first().textContent();
    assert.ok(first!.includes(appName), `the newest pending application comes first: ${first!.slice(0, 200)}`);
    const row = admin.page.locator('technical-partner-approvals li', { hasText: appName });
    assert.ok((await row.textContent())!.includes(newcomer.directory_name), 'its directory is named');
    await row.getByRole('button', { name: 'Approve' }).click();
    const confirm = row.getByRole('group');
    assert.match((await confirm.textContent())!, new RegExp(`Approve ${appName}\\?`));
    await confirm.getByRole('button', { name: 'Approve' }).press('Enter');
    await row.locator('.badge.active').waitFor({ timeout: 10_000 });
    assert.equal((await row.locator('.badge').textContent())!.trim(), 'Active');
    assert.equal(await row.getByRole('button', { name: 'Suspend' }).count(), 1);
    assert.ok(!(await row.textContent())!.includes('ewk_'), 'the admin never sees the partner’s key');

    // 3. /partner again: active, and the preferential key issued once
    await partner.page.reload();
    await waitForText(partner.page, 'technical-partner-upgrade', 'Active');
    await waitForText(partner.page, 'developer-ecosystem-tab', 'Active');
    const upgrade = partner.page.locator('technical-partner-upgrade');
    await upgrade.getByRole('button', { name: 'Issue key' }).click();
    await upgrade.getByRole('button', { name: 'Revoke and issue' }).click();
    const field = upgrade.locator('#issued-key');
    await field.waitFor({ timeout: 10_000 });
    const key = await field.inputValue();
    assert.match(key, /^ewk_/);
    const pool = await api(server.base, '/v1/data/businesses?limit=1', key);
    assert.equal(pool.metering.pricing_tier, 'technical_partner', 'the key bills at the preferential price');
    await upgrade.getByRole('button', { name: 'I stored it' }).click();
    await field.waitFor({ state: 'detached' });
    assert.ok(!(await partner.page.content()).includes(key));
    await partner.page.reload();
    await waitForText(partner.page, 'technical-partner-upgrade', 'Active');
    assert.ok(!(await shadowText(partner.page, 'technical-partner-upgrade')).includes(key), 'shown once');
    assert.equal(await upgrade.locator('#issued-key').count(), 0);

    assert.deepEqual(partner.errors, [], 'the partner page logged errors');
    assert.deepEqual(admin.errors, [], 'the admin page logged errors');
    for (const context of contexts) await context.close();
  });
});
