import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import type express from 'express';
import request from 'supertest';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { Scenario } from '../helpers/scenario.ts';

const HOSTILE = `<script>alert("x")</script> & 'Maps'`;
/** Private business, account and commercial fields that no public page may show. */
const PRIVATE = ['private-owner@secret.example', '+1-555-867-5309', 'Secret Owner Name', 'dev-secret@example.test', '17.50', 'commission'];

/** Reads an SVG response as text (supertest leaves image bodies as buffers). */
const svgOf = (app: express.Express, path: string) =>
  request(app)
    .get(path)
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => done(null, text));
    });

describeEachDatabase('verify page and SVG badge', (db) => {
  let app: express.Express;
  let poweredApp: { id: string; name: string };
  let idleApp: { id: string; name: string };
  before(async () => {
    const built = testApp(db(), { PUBLIC_BASE_URL: 'https://ecosystem.example' });
    app = built.app;
    const s = new Scenario(app, built.config);
    const directory = await s.partner({ directory_name: 'Gamma & <Guide>', commission_percent: '17.50' });
    const developer = await s.developer({ company: 'Gamma Labs', email: 'dev-secret@example.test' });
    poweredApp = await s.appOf(developer.key, { name: HOSTILE, url: 'https://maps.example/' });
    idleApp = await s.appOf(developer.key, { name: 'Never Read' });
    const business = await s.referredBusiness(directory.id);
    await s.pay(business.id, '100.00');
    await s.get(`/v1/data/businesses?app_id=${poweredApp.id}`, s.bearer(developer.key));
  });

  describe('GET /verify/apps/:appId', () => {
    it('shows a partner-powered app, since when, and its directories, escaped, without scripts', async () => {
      const res = await request(app).get(`/verify/apps/${poweredApp.id}`).expect(200);
      assert.match(res.headers['content-type']!, /text\/html/);
      assert.match(res.headers['cache-control']!, /^public, max-age=\d+/);
      const html = res.text;
      assert.ok(!html.includes('<script'), 'no script of any kind');
      assert.ok(!html.includes(HOSTILE), 'the app name is escaped');
      assert.ok(html.includes('Verified: &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;Maps&#39; is Partner-Powered'));
      assert.ok(html.includes('Gamma &#38; &#60;Guide&#62;'));
      assert.match(html, /Partner-Powered since <time datetime="\d{4}-\d\d-\d\dT[^"]+">\w+ \d{1,2}, \d{4}<\/time>/);
      assert.ok(html.includes('<a href="https://maps.example/" rel="noopener noreferrer">'));
      assert.ok(html.includes(`<link rel="canonical" href="https://ecosystem.example/verify/apps/${poweredApp.id}">`));
      assert.match(html, /<meta name="description" content="[^"]*verified Partner-Powered app since [^"]*1 partner directory\.">/);
      assert.ok(!html.includes('noindex'));
      assert.ok(html.includes('<link rel="stylesheet" href="/assets/pages.css">'));
      for (const secret of PRIVATE) assert.ok(!html.includes(secret), `the page leaks ${secret}`);
    });

    it('works under the host pages’ Content-Security-Policy (no inline script or style)', async () => {
      const res = await request(app).get(`/verify/apps/${poweredApp.id}`).expect(200);
      assert.match(res.headers['content-security-policy']!, /script-src 'self'/);
      assert.ok(!/\sstyle=|<style|\son\w+=/i.test(res.text));
    });

    it('says "not verified" with 404 for an unknown app, an app that is not partner-powered, and a malformed id', async () => {
      for (const id of [randomUUID(), idleApp.id, 'not-a-uuid']) {
        const res = await request(app).get(`/verify/apps/${id}`).expect(404);
        assert.match(res.headers['content-type']!, /text\/html/);
        assert.ok(res.text.includes('<h1>Not verified</h1>'), id);
        assert.ok(res.text.includes('<meta name="robots" content="noindex">'));
        assert.ok(!res.text.includes('Never Read'));
      }
    });
  });

  describe('GET /v1/public/apps/:appId/badge.svg', () => {
    it('is an accessible SVG naming the app in its title, escaped, light by default', async () => {
      const res = await svgOf(app, `/v1/public/apps/${poweredApp.id}/badge.svg`).expect(200);
      assert.match(res.headers['content-type']!, /^image\/svg\+xml/);
      const svg = res.body as string;
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* role="img" aria-label="Partner-Powered: /);
      assert.match(
        svg,
        /<title>Partner-Powered: &#60;script&#62;alert\(&#34;x&#34;\)&#60;\/script&#62; &#38; &#39;Maps&#39;, verified since \w+ \d{1,2}, \d{4}<\/title>/,
      );
      assert.ok(!svg.includes('<script'));
      assert.ok(svg.includes('>verified</text>'));
      assert.ok(svg.includes('fill="#555555"'), 'the light label colour');
      assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin');
      assert.equal(res.headers['access-control-allow-origin'], '*');
      for (const secret of PRIVATE) assert.ok(!svg.includes(secret), `the badge leaks ${secret}`);
    });

    it('has a dark theme', async () => {
      const light = (await svgOf(app, `/v1/public/apps/${poweredApp.id}/badge.svg?theme=light`).expect(200)).body as string;
      const dark = (await svgOf(app, `/v1/public/apps/${poweredApp.id}/badge.svg?theme=dark`).expect(200)).body as string;
      assert.ok(dark.includes('fill="#30363d"') && !dark.includes('fill="#555555"'));
      assert.notEqual(light, dark);
      const bad = await request(app).get(`/v1/public/apps/${poweredApp.id}/badge.svg?theme=pink`).expect(400);
      assert.match(bad.body.error.message, /query\.theme/);
    });

    it('is cacheable: Cache-Control, an ETag, and 304 to a matching If-None-Match', async () => {
      const res = await svgOf(app, `/v1/public/apps/${poweredApp.id}/badge.svg`).expect(200);
      assert.match(res.headers['cache-control']!, /^public, max-age=\d+/);
      const etag = res.headers.etag!;
      assert.ok(etag);
      await request(app).get(`/v1/public/apps/${poweredApp.id}/badge.svg`).set('If-None-Match', etag).expect(304);
      const dark = await svgOf(app, `/v1/public/apps/${poweredApp.id}/badge.svg?theme=dark`).set('If-None-Match', etag).expect(200);
      assert.notEqual(dark.headers.etag, etag);
    });

    it('is a "not verified" SVG with 404 for an unknown app or one that is not partner-powered; 400 for a malformed id', async () => {
      for (const id of [randomUUID(), idleApp.id]) {
        const res = await svgOf(app, `/v1/public/apps/${id}/badge.svg`).expect(404);
        assert.match(res.headers['content-type']!, /^image\/svg\+xml/);
        const svg = res.body as string;
        assert.ok(svg.includes('<title>Partner-Powered: not verified</title>'));
        assert.ok(svg.includes('>not verified</text>'));
        assert.ok(!svg.includes('Never Read'));
      }
      const bad = await request(app).get('/v1/public/apps/not-a-uuid/badge.svg').expect(400);
      assert.match(bad.body.error.message, /params\.appId/);
    });

    it('is in the OpenAPI document as an image', async () => {
      const document = (await request(app).get('/openapi.json').expect(200)).body;
      const operation = document.paths['/v1/public/apps/{appId}/badge.svg'].get;
      assert.ok(operation.responses['200'].content['image/svg+xml']);
      assert.ok(operation.responses['404'].content['image/svg+xml']);
      assert.ok(operation.parameters.some((p: { in: string; name: string }) => p.in === 'query' && p.name === 'theme'));
    });
  });
});
