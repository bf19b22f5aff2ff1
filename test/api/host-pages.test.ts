import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type express from 'express';
import request from 'supertest';
import { NAV } from '../../server/pages/layout.ts';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { Scenario } from '../helpers/scenario.ts';

/** What a browser sends when it navigates to an address. */
const NAVIGATION = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const SHELL_PAGES = ['/', '/showcase', '/developers', '/developer', '/partner', '/admin', '/docs/'];
const own = { Host: '127.0.0.1', Origin: 'http://127.0.0.1' };

const h1s = (html: string) => html.match(/<h1[\s>][\s\S]*?<\/h1>/g) ?? [];
/** The markup of the site header. */
const headerOf = (html: string) => /<header class="site">[\s\S]*?<\/header>/.exec(html)?.[0] ?? '';

describeEachDatabase('host pages in the site shell', (db) => {
  let app: express.Express;
  let s: Scenario;
  let verifyPath: string;
  before(async () => {
    const built = testApp(db());
    app = built.app;
    s = new Scenario(app, built.config);
    const directory = await s.partner();
    const developer = await s.developer();
    const poweredApp = await s.appOf(developer.key, { name: 'Shell Maps' });
    const business = await s.referredBusiness(directory.id);
    await s.pay(business.id, '10.00');
    await s.get(`/v1/data/businesses?app_id=${poweredApp.id}`, s.bearer(developer.key));
    verifyPath = `/verify/apps/${poweredApp.id}`;
  });

  const page = (path: string, accept = NAVIGATION) => request(app).get(path).set('Accept', accept);

  it('renders every page in one shell: header with brand and primary navigation, main, footer, one <h1>', async () => {
    for (const path of [...SHELL_PAGES, verifyPath, '/no/such/page']) {
      const res = await page(path);
      assert.match(res.headers['content-type']!, /text\/html/, path);
      const html = res.text;
      const header = headerOf(html);
      assert.ok(header.includes('<a class="brand" href="/"'), `${path}: brand links home`);
      assert.ok(header.includes('<nav aria-label="Primary">'), `${path}: primary navigation`);
      for (const [href, label] of NAV) assert.ok(header.includes(`href="${href}"`) && header.includes(`>${label}</a>`), `${path}: nav link ${href}`);
      assert.ok(header.includes('<details class="menu">') && header.includes('<summary>'), `${path}: the phone menu works without script`);
      assert.ok(html.includes('<main id="main"') && html.includes('<a class="skip-link" href="#main">'), path);
      assert.ok(html.includes('<footer class="site">'), `${path}: footer`);
      assert.equal((html.match(/<header class="site">/g) ?? []).length, 1, `${path}: one header`);
      assert.equal(h1s(html).length, 1, `${path}: exactly one <h1>, found ${h1s(html).join(' | ')}`);
      assert.equal((html.match(/<nav /g) ?? []).length, 1, `${path}: the navigation is not repeated in the page`);
      assert.ok(html.includes('<link rel="stylesheet" href="/assets/pages.css">'), path);
    }
  });

  it('marks the current page in the navigation, and only it', async () => {
    for (const [href] of NAV) {
      const header = headerOf((await page(href)).text);
      assert.deepEqual(header.match(/<a href="[^"]*" aria-current="page">/g), [`<a href="${href}" aria-current="page">`], href);
    }
    assert.ok(!headerOf((await page('/no/such/page')).text).includes('aria-current'));
  });

  it('gives the landing page a hero with its calls to action, and its title once', async () => {
    const html = (await page('/')).text;
    assert.match(html, /<title>Ecosystem Widgets<\/title>/);
    const hero = /<section class="hero"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    assert.match(hero, /<h1 id="hero-title">[^<]+<\/h1>/);
    assert.match(hero, /<a class="button" href="\/partner">/);
    assert.match(hero, /<a class="button" href="\/developers">/);
    assert.match(hero, /<a class="button secondary" href="\/showcase">/);
    assert.match(hero, /href="\/demo\/directory"/);
    const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
    assert.ok(!/<ul><li><a href="\/showcase">/.test(main), 'no second copy of the navigation as a list');
    for (const path of SHELL_PAGES.slice(1)) {
      const title = /<title>([^<]*)<\/title>/.exec((await page(path)).text)?.[1] ?? '';
      assert.equal(title.split('Ecosystem Widgets').length, 2, `${path}: the site name once in "${title}"`);
    }
  });

  it('answers a browser on an unknown page with an HTML 404 in the shell, with a way home', async () => {
    const res = await page("/no/such/a&b'c%3Cpage%3E").expect(404);
    assert.match(res.headers['content-type']!, /text\/html/);
    assert.ok(res.text.includes('<h1>Page not found</h1>'));
    assert.ok(res.text.includes('/no/such/a&#38;b&#39;c%3Cpage%3E'), 'the address is escaped');
    assert.match(res.text, /<a class="button" href="\/">Go to the home page<\/a>/);
    assert.ok(res.text.includes('<meta name="robots" content="noindex">'));
    assert.equal((await request(app).head('/no/such/page').set('Accept', NAVIGATION)).status, 404);
  });

  it('keeps the JSON 404 for the API, for clients that do not ask for HTML and for other methods', async () => {
    const json = { error: { code: 'not_found', message: 'No route for GET /no/such/page' } };
    for (const accept of [undefined, '*/*', 'application/json', 'application/json, text/html;q=0.5']) {
      const req = request(app).get('/no/such/page');
      const res = await (accept ? req.set('Accept', accept) : req).expect(404);
      assert.match(res.headers['content-type']!, /application\/json/, String(accept));
      assert.deepEqual(res.body, json, String(accept));
    }
    const api = await page('/v1/no/such/route').expect(404);
    assert.match(api.headers['content-type']!, /application\/json/);
    assert.deepEqual(api.body, { error: { code: 'not_found', message: 'No route for GET /v1/no/such/route' } });
    const post = await request(app).post('/no/such/page').set('Accept', NAVIGATION).expect(404);
    assert.equal(post.body.error.code, 'not_found');
    const asset = await page('/assets/missing.css').expect(404);
    assert.equal(asset.body.error.code, 'not_found');
  });

  it('serves the API reference in the shell, with Swagger UI and its document beside it', async () => {
    for (const path of ['/docs', '/docs/']) {
      const html = (await page(path).expect(200)).text;
      assert.ok(html.includes('<div id="swagger-ui"></div>'), path);
      assert.ok(html.includes('<script src="/docs/swagger-ui-init.js"></script>'), path);
    }
    const init = await request(app).get('/docs/swagger-ui-init.js').expect(200);
    assert.match(init.text, /\/v1\/public\/ecosystem\/impact/);
    assert.match(init.text, /"layout": "BaseLayout"/);
    assert.match((await request(app).get('/docs/swagger-ui.css').expect(200)).headers['content-type']!, /text\/css/);
    assert.equal((await page('/docs/nothing-here').expect(404)).type, 'text/html');
  });

  it('serves every page under the same strict Content-Security-Policy, with no inline script, style or handler', async () => {
    const policies = new Set<string>();
    for (const path of [...SHELL_PAGES, verifyPath, '/no/such/page', '/demo/directory']) {
      const res = await page(path);
      const csp = res.headers['content-security-policy']!;
      policies.add(csp);
      assert.ok(!/<script(?![^>]*\ssrc=)[^>]*>/.test(res.text), `${path}: no inline script`);
      assert.ok(!/\sstyle=|<style|\son\w+=/i.test(res.text), `${path}: no inline style or event handler`);
    }
    assert.equal(policies.size, 1, [...policies].join('\n'));
    const directives = new Map(
      [...policies][0]!.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values.join(' ')];
      }),
    );
    assert.equal(directives.get('default-src'), "'self'");
    assert.equal(directives.get('script-src'), "'self'");
    assert.equal(directives.get('script-src-attr'), "'none'");
    assert.equal(directives.get('object-src'), "'none'");
    assert.equal(directives.get('frame-ancestors'), "'self'");
  });

  describe('signed-in identity', () => {
    const cookieOf = (res: request.Response) => {
      const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('ew_host_session='));
      assert.ok(header, 'a host-session cookie');
      return header.split(';')[0]!;
    };

    it('gives every signed-in page the identity slot and sign-out button, hidden until a session is known', async () => {
      for (const path of SHELL_PAGES) {
        const header = headerOf((await page(path)).text);
        assert.ok(header.includes('<div class="account" data-identity hidden>'), path);
        assert.ok(header.includes('data-action="sign-out"'), path);
        assert.ok((await page(path)).text.includes('<script type="module" src="/assets/shell.js"></script>'), path);
      }
      // publicly cached and script-free: the verify page is the same for everyone
      assert.ok(!headerOf((await page(verifyPath)).text).includes('data-identity'));
    });

    const sessionOf = async (cookie?: string) =>
      (
        await request(app)
          .get('/session')
          .set(cookie ? { ...own, Cookie: cookie } : own)
      ).body;
    const signIn = async (audience: string, credential: string) =>
      cookieOf(await request(app).post('/session/sign-in').set(own).send({ audience, credential }).expect(200));

    it('says who is signed in, from the session cookie only: nobody before, the account after, nobody after sign-out', async () => {
      assert.deepEqual(await sessionOf(), { audience: null, name: null, expires_at: null });

      const partner = await s.partner({ directory_name: 'Harbor & <Hills> Guide' });
      const signedIn = await request(app).post('/session/sign-in').set(own).send({ audience: 'partner', credential: partner.token }).expect(200);
      assert.equal(signedIn.body.name, 'Harbor & <Hills> Guide');
      const cookie = cookieOf(signedIn);
      const current = await request(app)
        .get('/session')
        .set({ ...own, Cookie: cookie })
        .expect(200);
      assert.equal(current.body.audience, 'partner');
      assert.equal(current.body.name, 'Harbor & <Hills> Guide');
      assert.equal(current.headers['cache-control'], 'no-store');
      // the page itself never carries the name (it is the same for every visitor); the script fills it in as text
      assert.ok(!(await page('/partner').set('Cookie', cookie)).text.includes('Harbor'));

      const developer = await s.developer({ name: 'Ada Byte', company: 'Byte Works' });
      assert.equal((await sessionOf(await signIn('developer', developer.key))).name, 'Ada Byte (Byte Works)');
      assert.equal((await sessionOf(await signIn('admin', s.config.ADMIN_TOKEN!))).name, 'Platform team');

      await request(app)
        .post('/session/sign-out')
        .set({ ...own, Cookie: cookie })
        .expect(204);
      assert.deepEqual(await sessionOf(cookie), { audience: null, name: null, expires_at: null });
    });
  });
});
