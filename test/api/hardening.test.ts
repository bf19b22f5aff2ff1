import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import request from 'supertest';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { Scenario } from '../helpers/scenario.ts';

/** Requests shaped to break the HTTP layer: each gets a precise 4xx, never a 500. */
describeEachDatabase('request hardening', (db) => {
  let s: Scenario;
  before(() => {
    const { app, config } = testApp(db());
    s = new Scenario(app, config);
  });

  it('accepts the bearer scheme in any case', async () => {
    const developer = await s.developer();
    for (const scheme of ['bearer', 'BEARER', 'bEaReR']) {
      const res = await request(s.app).get('/v1/developer/me').set('Authorization', `${scheme} ${developer.key}`);
      assert.equal(res.status, 200, scheme);
      assert.equal(res.body.id, developer.id);
    }
    const other = await request(s.app).get('/v1/developer/me').set('Authorization', `Basic ${developer.key}`);
    assert.equal(other.status, 401);
  });

  it('refuses a JSON body in a charset other than UTF-8 with 415 naming the charset', async () => {
    const res = await request(s.app)
      .post('/v1/admin/partners')
      .set({ ...s.admin, 'Content-Type': 'application/json; charset=utf-16' })
      .send(Buffer.from('{"directory_name":"x","commission_percent":"1.00"}', 'utf16le'));
    assert.equal(res.status, 415);
    assert.equal(res.body.error.code, 'unsupported_media_type');
    assert.match(res.body.error.message, /utf-16/);
    for (const charset of ['utf-8', 'UTF-8', '"utf-8"']) {
      const ok = await request(s.app)
        .post('/v1/admin/partners')
        .set({ ...s.admin, 'Content-Type': `application/json; charset=${charset}` })
        .send(JSON.stringify({ directory_name: `Charset ${Math.random()}`, commission_percent: '1.00' }));
      assert.equal(ok.status, 201, charset);
    }
  });

  it('refuses a body nested 20,000 levels deep with 400 naming the body', async () => {
    const deep = `{"directory_name":"Deep","commission_percent":"1.00","x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const res = await request(s.app)
      .post('/v1/admin/partners')
      .set({ ...s.admin, 'Content-Type': 'application/json' })
      .send(deep);
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'validation_failed');
    assert.match(res.body.error.message, /^Invalid request: body: must not nest more than 64 levels deep$/);
    const shallow = await request(s.app)
      .post('/v1/admin/partners')
      .set({ ...s.admin, 'Content-Type': 'application/json' })
      .send(`{"directory_name":"Shallow","commission_percent":"1.00","x":${'['.repeat(60)}${']'.repeat(60)}}`);
    assert.equal(shallow.status, 400);
    assert.match(shallow.body.error.message, /body: Unrecognized key/i);
  });

  it('refuses a malformed or undecodable cursor with 400 naming query.cursor on every paged list', async () => {
    const developer = await s.developer();
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const id = '0b8e1c52-4f1a-4c8e-9d55-2f6c7a1b3e90';
    const bad = [
      b64([true, false]),
      b64([[1, 2], 'x']),
      b64([1e308, 1]),
      b64(['2026-02-30T00:00:00.000Z', id]),
      b64(['0000-01-01T00:00:00.000Z', id]),
      b64(['2026-01-01T00:00:00.000Z', id, 'extra']),
      b64({}),
      b64('x'),
      '!!!',
      'not a cursor',
    ];
    const lists: [string, Record<string, string>, string[]][] = [
      ['/v1/public/showcase/apps', {}, bad],
      ['/v1/admin/technical-partners', s.admin, bad],
      ['/v1/data/businesses', s.bearer(developer.key), [...bad, b64([1e308]), b64(['x']), b64([id, id])]],
    ];
    for (const [path, headers, cursors] of lists) {
      for (const cursor of cursors) {
        const res = await request(s.app)
          .get(`${path}?cursor=${encodeURIComponent(cursor)}`)
          .set(headers);
        assert.equal(res.status, 400, `${path} ${cursor}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.error.code, 'validation_failed');
        assert.match(res.body.error.message, /query\.cursor/);
      }
    }
    // What the lists give out still pages.
    await s.technicalPartner('pending');
    await s.technicalPartner('pending');
    const first = await s.get('/v1/admin/technical-partners?limit=1', s.admin);
    assert.ok(first.next_cursor);
    await s.get(`/v1/admin/technical-partners?limit=1&cursor=${first.next_cursor}`, s.admin);
    await s.get(`/v1/public/showcase/apps?cursor=${b64(['2026-01-01T00:00:00.000Z', id])}`);
    await s.get(`/v1/data/businesses?cursor=${b64([id])}`, s.bearer(developer.key));
  });

  it('refuses invisible names, bidirectional controls in names and URLs, and unpaired surrogates; stores names in NFC', async () => {
    const developer = await s.developer();
    const raw = (path: string, headers: Record<string, string>, json: string) =>
      request(s.app)
        .post(path)
        .set({ ...headers, 'Content-Type': 'application/json' })
        .send(json);
    const refused = async (path: string, headers: Record<string, string>, body: Record<string, unknown>, pattern: RegExp) => {
      const res = await raw(path, headers, JSON.stringify(body));
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
      assert.match(res.body.error.message, pattern);
    };
    const email = () => `n-${Math.random()}@example.test`;
    await refused('/v1/admin/developers', s.admin, { name: '\u200B\u200C\u200D\u2060', email: email() }, /body\.name: must contain visible characters/);
    await refused('/v1/admin/developers', s.admin, { name: '\u202E\u202D', email: email() }, /body\.name: must not contain bidirectional/);
    await refused('/v1/admin/developers', s.admin, { name: 'Evil\u202Egnp.exe', email: email() }, /body\.name: must not contain bidirectional/);
    await refused('/v1/admin/partners', s.admin, { directory_name: 'Dir\u2066x' }, /body\.directory_name: must not contain bidirectional/);
    const key = s.bearer(developer.key);
    await refused('/v1/developer/me/apps', key, { name: 'Legit', url: 'https://example.com/\u202Emoc.elgoog' }, /body\.url: must not contain bidirectional/);
    await refused('/v1/developer/me/technical-partner/apply', key, { app_name: '\u200F\u200E' }, /body\.app_name/);
    // A lone surrogate can only arrive as a JSON escape.
    const lone = await raw('/v1/admin/developers', s.admin, `{"name":"A\\ud800B","email":"${email()}"}`);
    assert.equal(lone.status, 400);
    assert.match(lone.body.error.message, /body\.name: must be well-formed Unicode/);
    const loneLow = await raw('/v1/developer/me/apps', key, '{"name":"x","description":"\\udc00"}');
    assert.equal(loneLow.status, 400);
    assert.match(loneLow.body.error.message, /body\.description: must be well-formed Unicode/);
    // Paired surrogates (an emoji), joiners inside visible text, and decomposed accents are fine; names are stored in NFC.
    const created = await s.post('/v1/admin/developers', { name: 'Cafe\u0301 \u{1F469}\u200D\u{1F4BB}', email: email() }, s.admin, 201);
    assert.equal(created.name, 'Caf\u00E9 \u{1F469}\u200D\u{1F4BB}');
  });

  it('serves the badge of an app that is not listed in the showcase (docs/DECISIONS.md), and keeps it out of the gallery', async () => {
    const directory = await s.partner();
    const developer = await s.developer();
    const unlisted = await s.appOf(developer.key, { name: `Unlisted ${Math.random()}`, is_showcased: false });
    const business = await s.referredBusiness(directory.id, { is_verified: true });
    await s.pay(business.id, '10.00');
    await s.get(`/v1/data/businesses?app_id=${unlisted.id}&directory=${directory.id}`, s.bearer(developer.key));
    const badge = await s.get(`/v1/public/apps/${unlisted.id}/badge`);
    assert.equal(badge.app.id, unlisted.id);
    assert.equal(badge.partner_powered, true);
    assert.deepEqual(
      badge.directories.map((d: { directory_name: string }) => d.directory_name),
      [directory.directory_name],
    );
    const gallery = await s.get(`/v1/public/showcase/apps?directory=${directory.id}`);
    assert.deepEqual(gallery.apps, []);
  });
});
