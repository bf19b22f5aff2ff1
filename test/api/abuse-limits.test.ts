import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { Scenario } from '../helpers/scenario.ts';

/** Limits against guessing credentials and flooding the API from one address. */
describeEachDatabase('abuse limits', (db) => {
  let s: Scenario;
  before(() => {
    const { app, config } = testApp(db(), { TRUST_PROXY: 1 });
    s = new Scenario(app, config);
  });

  it('answers a partner preflight without a database query', async () => {
    let queries = 0;
    const count = () => {
      queries++;
    };
    db().knex.on('query', count);
    try {
      const res = await request(s.app)
        .options('/v1/partner/me/developer-impact')
        .set({ Origin: 'https://any.example', 'Access-Control-Request-Method': 'GET', 'X-Forwarded-For': '198.51.100.9' });
      assert.equal(res.status, 204);
      const unauthenticated = await request(s.app)
        .get('/v1/partner/me/developer-impact')
        .set({ Origin: 'https://any.example', 'X-Forwarded-For': '198.51.100.9' });
      assert.equal(unauthenticated.status, 401);
      assert.equal(unauthenticated.headers['access-control-allow-origin'], undefined);
      assert.equal(queries, 0);
    } finally {
      db().knex.off('query', count);
    }
  });

  it('limits every /v1 request per address (API_RATE_LIMIT_PER_MINUTE)', async () => {
    const { app } = testApp(db(), { API_RATE_LIMIT_PER_MINUTE: 3 });
    for (let i = 0; i < 3; i++) assert.equal((await request(app).get('/v1/developer/me')).status, 401);
    const res = await request(app).get('/v1/developer/me');
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers['retry-after']) >= 1);
    assert.equal((await request(app).get('/v1/public/ecosystem/impact')).status, 429);
  });

  it('limits failed authentications per address (AUTH_FAILURES_PER_MINUTE), counting failures only', async () => {
    const { app, config } = testApp(db(), { AUTH_FAILURES_PER_MINUTE: 3, TRUST_PROXY: 1 });
    const limited = new Scenario(app, config);
    const { key } = await limited.developer();
    const from = (address: string) => ({ 'X-Forwarded-For': address });

    // Valid calls never count, however many are in flight at once.
    const valid = await Promise.all(
      Array.from({ length: 40 }, () =>
        request(app)
          .get('/v1/developer/me')
          .set({ ...from('198.51.100.20'), Authorization: `Bearer ${key}` }),
      ),
    );
    assert.deepEqual(new Set(valid.map((r) => r.status)), new Set([200]));

    for (let i = 0; i < 3; i++) {
      const wrong = await request(app)
        .get('/v1/developer/me')
        .set({ ...from('198.51.100.20'), Authorization: 'Bearer ewk_wrongwrongwrong' });
      assert.equal(wrong.status, 401);
    }
    let queries = 0;
    const count = () => {
      queries++;
    };
    db().knex.on('query', count);
    try {
      const refused = await request(app)
        .get('/v1/partner/me/developer-impact')
        .set({ ...from('198.51.100.20'), Authorization: 'Bearer ewp_guess' });
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error.code, 'rate_limited');
      assert.match(refused.body.error.message, /failed authentications/);
      assert.ok(Number(refused.headers['retry-after']) >= 1);
      assert.equal(queries, 0, 'a refused guess costs no credential lookup');
    } finally {
      db().knex.off('query', count);
    }
    // The lockout is the address's, not the credential's: another address is unaffected, and public routes stay open.
    assert.equal(
      (
        await request(app)
          .get('/v1/developer/me')
          .set({ ...from('198.51.100.21'), Authorization: `Bearer ${key}` })
      ).status,
      200,
    );
    assert.equal((await request(app).get('/v1/public/ecosystem/impact').set(from('198.51.100.20'))).status, 200);
  });
});

describeEachDatabase('HTTPS-only headers and absolute URLs of host pages', (db) => {
  describe('over plain HTTP', () => {
    it('sends neither HSTS nor upgrade-insecure-requests', async () => {
      const { app } = testApp(db());
      const res = await request(app).get('/demo/directory').set('Host', 'example.test');
      assert.equal(res.status, 200);
      assert.equal(res.headers['strict-transport-security'], undefined);
      assert.ok(res.headers['content-security-policy']);
      assert.doesNotMatch(res.headers['content-security-policy']!, /upgrade-insecure-requests/);
      assert.match(res.text, /src="http:\/\/example\.test\/widgets\//);
    });
  });

  it('sends both behind a trusted proxy that says https, and builds URLs with https', async () => {
    const { app } = testApp(db(), { TRUST_PROXY: 1 });
    const res = await request(app).get('/demo/directory').set({ Host: 'example.test', 'X-Forwarded-Proto': 'https' });
    assert.ok(res.headers['strict-transport-security']);
    assert.match(res.headers['content-security-policy']!, /upgrade-insecure-requests/);
    assert.match(res.text, /src="https:\/\/example\.test\/widgets\//);
    // an untrusted X-Forwarded-Proto changes nothing
    const untrusted = await request(testApp(db()).app).get('/demo/directory').set({ Host: 'example.test', 'X-Forwarded-Proto': 'https' });
    assert.equal(untrusted.headers['strict-transport-security'], undefined);
  });

  it('uses PUBLIC_BASE_URL for absolute URLs, and https there turns the HTTPS headers on', async () => {
    const { app } = testApp(db(), { PUBLIC_BASE_URL: 'https://widgets.example.test' });
    const res = await request(app).get('/demo/directory').set('Host', 'internal:3000');
    assert.match(res.text, /src="https:\/\/widgets\.example\.test\/widgets\//);
    assert.match(res.text, /api-base="https:\/\/widgets\.example\.test"/);
    assert.doesNotMatch(res.text, /internal:3000/);
    assert.ok(res.headers['strict-transport-security']);
  });
});
