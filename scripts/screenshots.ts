/**
 * `node --import tsx scripts/screenshots.ts [name,…]`: screenshots of every page of the site
 * at 1280 and 390 px wide, light and dark, into docs/screenshots/ (pages-<name>-<width>-<scheme>.png).
 * It runs the real server on the embedded database with the demo data, as the end-to-end tests do,
 * and drives Debian's Chromium; the dashboards are shot signed in. Needs `npm run build` first
 * (the server serves the built widgets).
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { api, launchBrowser, type RunningServer, signIn, startServer } from '../test/e2e/support.ts';

const OUT = 'docs/screenshots';
const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

interface Shot {
  name: string;
  path: string | ((server: RunningServer) => Promise<string>);
  /** Signs in through the page's form first. */
  credential?: (server: RunningServer) => string;
  /** Opens the phone menu before the shot. */
  menu?: boolean;
}

const SHOTS: Shot[] = [
  { name: 'landing', path: '/' },
  { name: 'showcase', path: '/showcase' },
  { name: 'developers', path: '/developers' },
  { name: 'partner-signed-out', path: '/partner' },
  { name: 'partner', path: '/partner', credential: (s) => s.credentials.partner.token },
  { name: 'developer', path: '/developer', credential: (s) => s.credentials.developer.api_key },
  { name: 'admin', path: '/admin', credential: (s) => s.adminToken },
  { name: 'docs', path: '/docs/' },
  {
    name: 'verify',
    path: async (s) => `/verify/apps/${(await api(s.base, '/v1/public/showcase/apps')).apps[0].id}`,
  },
  { name: 'not-found', path: '/no/such/page' },
  { name: 'demo-directory', path: '/demo/directory' },
  { name: 'menu', path: '/showcase', menu: true },
];

/** Waits until every widget on the page has left its loading state (or a few seconds pass). */
async function settle(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () =>
        [...document.querySelectorAll('*')]
          .filter((el) => el.localName.includes('-') && el.hasAttribute('state'))
          .every((el) => !['loading'].includes(el.getAttribute('state') ?? '')),
      undefined,
      { timeout: 8_000 },
    )
    .catch(() => undefined);
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400); // transitions and the last layout
}

async function shoot(browser: Browser, server: RunningServer, shot: Shot): Promise<void> {
  const path = typeof shot.path === 'string' ? shot.path : await shot.path(server);
  for (const size of WIDTHS) {
    if (shot.menu && size.width > 640) continue;
    for (const scheme of SCHEMES) {
      const context = await browser.newContext({ viewport: size, colorScheme: scheme, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(`${server.base}${path}`);
      if (shot.credential) {
        await signIn(page, shot.credential(server));
        await page.locator('header.site [data-identity]:not([hidden])').waitFor({ timeout: 10_000 });
      }
      if (shot.menu) await page.locator('.menu > summary').click();
      await settle(page);
      // a page wider than the viewport scrolls sideways on a phone: say so
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) console.warn(`${path} at ${size.width} px: ${overflow} px wider than the viewport`);
      const file = `${OUT}/pages-${shot.name}-${size.width}-${scheme}.png`;
      await page.screenshot({ path: file });
      console.log(file);
      await context.close();
    }
  }
}

mkdirSync(OUT, { recursive: true });
// many page loads in a minute from one address: lift the per-address limits for this run only
process.env.API_RATE_LIMIT_PER_MINUTE = '100000';
process.env.PUBLIC_RATE_LIMIT_PER_MINUTE = '100000';
const only = process.argv[2]?.split(',');
const [server, browser] = await Promise.all([startServer(), launchBrowser()]);
try {
  for (const shot of SHOTS.filter((s) => !only || only.includes(s.name))) await shoot(browser, server, shot);
} finally {
  await browser.close();
  await server.stop();
}
