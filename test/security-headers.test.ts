import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { fixedHeaders, recordHeaders } from '../server/http/security-headers.ts';

/** The headers of a response, minus those that differ between any two responses. */
const headersOf = (res: request.Response) => {
  const { date: _date, etag: _etag, ...rest } = res.headers;
  return rest;
};

const configurations = {
  https: () => helmet(),
  plain: () => helmet({ strictTransportSecurity: false, contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }),
};

describe('security headers recorded from helmet', () => {
  for (const [name, make] of Object.entries(configurations)) {
    it(`writes exactly the headers helmet writes (${name})`, async () => {
      const withHelmet = express().use(make());
      const recorded = recordHeaders(make());
      const withRecorded = express().use(fixedHeaders(() => true, recorded, []));
      for (const app of [withHelmet, withRecorded]) app.get('/x', (_req, res) => void res.json({ ok: true }));
      const [a, b] = await Promise.all([request(withHelmet).get('/x'), request(withRecorded).get('/x')]);
      assert.deepEqual(headersOf(b), headersOf(a));
      assert.ok(a.headers['content-security-policy'] && a.headers['x-content-type-options'] === 'nosniff');
    });
  }

  it('chooses the set per request', async () => {
    const app = express().use(
      fixedHeaders((req) => req.headers['x-pick'] === 'https', recordHeaders(configurations.https()), recordHeaders(configurations.plain())),
    );
    app.get('/x', (_req, res) => void res.end());
    assert.ok((await request(app).get('/x').set('X-Pick', 'https')).headers['strict-transport-security']);
    assert.equal((await request(app).get('/x')).headers['strict-transport-security'], undefined);
  });

  it('refuses a middleware whose headers depend on the request', () => {
    assert.throws(() => recordHeaders(helmet({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", (_req, res) => `'nonce-${res}'`] } } })));
    assert.throws(() => recordHeaders((_req, _res, next) => setTimeout(next)));
  });
});
