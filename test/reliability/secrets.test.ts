import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { before, describe, it } from 'node:test';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { hashSecret, issueSecret, prefixOf, secretMatches } from '../../server/resources/credentials/secrets.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { Scenario } from '../helpers/scenario.ts';

describe('secrets', () => {
  it('are random, shaped, and verified only against their own hash', () => {
    const a = issueSecret('ewk');
    const b = issueSecret('ewk');
    assert.notEqual(a.secret, b.secret);
    assert.equal(prefixOf(a.secret, 'ewk'), a.prefix);
    assert.equal(prefixOf(a.secret, 'ewp'), undefined);
    assert.equal(a.hash, hashSecret(a.secret));
    assert.ok(!a.hash.includes(a.secret));
    assert.equal(secretMatches(a.secret, a.hash), true);
    assert.equal(secretMatches(b.secret, a.hash), false);
    assert.equal(secretMatches(a.secret, 'abcd'), false, 'a malformed stored hash never matches');
  });
});

describeEachDatabase('secrets in logs and responses', (db) => {
  const lines: string[] = [];
  let s: Scenario;
  before(() => {
    const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'trace' }), ADMIN_TOKEN: `admin_${randomUUID()}`, SERVICE_TOKEN: `service_${randomUUID()}` };
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ level: 'trace' }, sink);
    s = new Scenario(createApp({ config, db: db(), logger }), config);
  });

  it('keys and tokens appear once, in the response that issues them, and never in logs', async () => {
    const partner = await s.partner({ allowed_origins: ['https://dir.example'] });
    const tp = await s.technicalPartner('active');
    const session = await s.post('/v1/partner/embed-sessions', { origin: 'https://dir.example' }, s.bearer(partner.token), 201);
    const signedIn = await request(s.app)
      .post('/session/sign-in')
      .set({ Host: '127.0.0.1', Origin: 'http://127.0.0.1' })
      .send({ audience: 'partner', credential: partner.token });
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
    const secrets = [
      s.config.ADMIN_TOKEN!,
      s.config.SERVICE_TOKEN!,
      partner.token,
      tp.developer.key,
      tp.preferentialKey!,
      session.client_secret,
      cookie.split('=')[1]!,
    ];
    await request(s.app)
      .get('/v1/partner/me/developer-impact')
      .set({ ...s.bearer(session.client_secret), Origin: 'https://dir.example' });
    await request(s.app).post('/session/embed-session').set({ Host: '127.0.0.1', Origin: 'http://127.0.0.1', Cookie: cookie });
    // use every credential, successfully and not
    await s.get('/v1/partner/me/developer-impact', s.bearer(partner.token));
    await s.get('/v1/data/businesses', s.bearer(tp.developer.key));
    await request(s.app)
      .get('/v1/data/businesses')
      .set(s.bearer(`${tp.developer.key}x`));
    await request(s.app).get('/v1/admin/health').set(s.bearer(partner.token));
    await request(s.app)
      .post('/v1/events/payments')
      .set({ ...s.service, 'Idempotency-Key': 'k-1' })
      .send({ amount: 'x' });
    const reads = [
      await s.get('/v1/admin/technical-partners', s.admin),
      await s.get('/v1/developer/me', s.bearer(tp.developer.key)),
      await s.get('/v1/developer/me/technical-partner', s.bearer(tp.developer.key)),
      await s.get('/v1/partner/me/developer-impact', s.bearer(partner.token)),
    ];
    const log = lines.join('');
    assert.ok(lines.length > 10, 'requests were logged');
    for (const secret of secrets) {
      assert.ok(!log.includes(secret), 'no secret in the logs');
      assert.ok(!log.includes(secret.slice(-20)), 'not even part of one');
      for (const body of reads) assert.ok(!JSON.stringify(body).includes(secret), 'no secret in later responses');
    }
    const { rows } = await db().knex.raw(
      'SELECT key_hash FROM api_keys UNION ALL SELECT token_hash FROM partner_tokens UNION ALL SELECT secret_hash FROM embed_sessions UNION ALL SELECT secret_hash FROM host_sessions',
    );
    const stored = JSON.stringify(rows);
    for (const secret of secrets) assert.ok(!stored.includes(secret), 'only hashes are stored');
  });

  it('sends helmet’s headers on every kind of response, and CORS only where it belongs', async () => {
    for (const [path, headers] of [
      ['/v1/public/feed', {}],
      ['/v1/admin/health', s.admin],
      ['/nope', {}],
      ['/v1/data/businesses', {}],
    ] as const) {
      const res = await request(s.app)
        .get(path)
        .set({ ...headers, Origin: 'https://elsewhere.example' });
      assert.equal(res.headers['x-content-type-options'], 'nosniff', path);
      assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN', path);
      assert.ok(res.headers['content-security-policy'], path);
      assert.equal(res.headers['access-control-allow-origin'], path.startsWith('/v1/public') ? '*' : undefined, path);
    }
  });
});
