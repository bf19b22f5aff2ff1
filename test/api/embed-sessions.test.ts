import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { issueSecret } from '../../server/resources/credentials/secrets.ts';
import { insertEmbedSession } from '../../server/resources/embed-sessions/embed-sessions.repository.ts';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { Scenario } from '../helpers/scenario.ts';

const SITE = 'https://dir.example';

describeEachDatabase('embed sessions', (db) => {
  let s: Scenario;
  before(() => {
    const { app, config } = testApp(db());
    s = new Scenario(app, config);
  });

  const mint = (audience: 'partner' | 'developer' | 'admin', credential: string, body: object, status = 201) =>
    s.post(`/v1/${audience}/embed-sessions`, body, s.bearer(credential), status);
  const partnerOn = async (origins: string[] = [SITE]) => s.partner({ allowed_origins: origins });
  const browser = (path: string, secret: string, origin: string | null = SITE) =>
    request(s.app)
      .get(path)
      .set({ ...s.bearer(secret), ...(origin ? { Origin: origin } : {}) });

  it('mints a read-only session for an allowed origin, used from that origin with CORS for it', async () => {
    const partner = await partnerOn();
    const session = await mint('partner', partner.token, { origin: SITE });
    assert.match(session.client_secret, /^ews_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{32}$/);
    assert.equal(session.origin, SITE);
    assert.deepEqual(session.scopes, ['read']);
    assert.equal(session.expires_in, 900);
    const lifetime = Date.parse(session.expires_at) - Date.now();
    assert.ok(lifetime > 800_000 && lifetime <= 900_000, `expires in about 15 minutes (${lifetime} ms)`);

    const res = await browser('/v1/partner/me/developer-impact', session.client_secret);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.partner.id, partner.id);
    assert.equal(res.headers['access-control-allow-origin'], SITE);
    assert.match(res.headers.vary ?? '', /Origin/);

    // only the digest is stored
    const { rows } = await db().knex.raw('SELECT secret_hash, secret_prefix FROM embed_sessions');
    assert.ok(rows.length > 0 && !JSON.stringify(rows).includes(session.client_secret));
  });

  it('refuses a session from another origin, or without an Origin header, naming the origins (403)', async () => {
    const partner = await partnerOn();
    const { client_secret } = await mint('partner', partner.token, { origin: SITE });
    const other = await browser('/v1/partner/me/developer-impact', client_secret, 'https://evil.example');
    assert.equal(other.status, 403);
    assert.equal(other.body.error.code, 'forbidden');
    assert.match(other.body.error.message, /for https:\/\/dir\.example; the request came from https:\/\/evil\.example/);
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    const none = await browser('/v1/partner/me/developer-impact', client_secret, null);
    assert.equal(none.status, 403);
    assert.match(none.body.error.message, /no Origin header: the API's own origin/);
  });

  it('takes a request without an Origin header (a same-origin GET) as from the API’s own origin', async () => {
    const partner = await partnerOn();
    const own = 'https://widgets.example';
    const { app } = testApp(db(), { PUBLIC_BASE_URL: own });
    await request(app)
      .put('/v1/partner/me/allowed-origins')
      .set(s.bearer(partner.token))
      .send({ allowed_origins: [own] })
      .expect(200);
    const session = (await request(app).post('/v1/partner/embed-sessions').set(s.bearer(partner.token)).send({ origin: own }).expect(201)).body;
    const res = await request(app).get('/v1/partner/me/developer-impact').set(s.bearer(session.client_secret));
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });

  it('answers an expired session 401 session_expired (readable by its page), an unknown or revoked one 401 unauthorized', async () => {
    const partner = await partnerOn();
    const issued = issueSecret('ews');
    await insertEmbedSession(db().knex, {
      secret_prefix: issued.prefix,
      secret_hash: issued.hash,
      account_kind: 'partner',
      account_id: partner.id,
      credential_id: partner.tokenId,
      origin: SITE,
      scopes: ['read'],
      expires_at: new Date(Date.now() - 1_000),
    });
    const expired = await browser('/v1/partner/me/developer-impact', issued.secret);
    assert.equal(expired.status, 401);
    assert.equal(expired.body.error.code, 'session_expired');
    assert.equal(expired.headers['access-control-allow-origin'], SITE, 'the page can read why and ask for a new session');

    const unknown = issueSecret('ews');
    const res = await browser('/v1/partner/me/developer-impact', unknown.secret);
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'unauthorized');

    // revoking the token that minted a session ends the session too
    const { client_secret } = await mint('partner', partner.token, { origin: SITE });
    assert.equal((await browser('/v1/partner/me/developer-impact', client_secret)).status, 200);
    assert.equal((await request(s.app).delete(`/v1/admin/partner-tokens/${partner.tokenId}`).set(s.admin)).status, 200);
    const revoked = await browser('/v1/partner/me/developer-impact', client_secret);
    assert.equal(revoked.status, 401);
    assert.equal(revoked.body.error.code, 'unauthorized');
  });

  it('takes ttl_seconds between 60 and 3600 and removes long-expired sessions when minting', async () => {
    const partner = await partnerOn();
    const short = await mint('partner', partner.token, { origin: SITE, ttl_seconds: 60 });
    assert.equal(short.expires_in, 60);
    assert.match((await mint('partner', partner.token, { origin: SITE, ttl_seconds: 59 }, 400)).error.message, /ttl_seconds/);
    assert.match((await mint('partner', partner.token, { origin: SITE, ttl_seconds: 3601 }, 400)).error.message, /ttl_seconds/);

    const old = issueSecret('ews');
    await insertEmbedSession(db().knex, {
      secret_prefix: old.prefix,
      secret_hash: old.hash,
      account_kind: 'admin',
      account_id: null,
      credential_id: null,
      origin: SITE,
      scopes: ['read'],
      expires_at: new Date(Date.now() - 2 * 86_400_000),
    });
    await mint('partner', partner.token, { origin: SITE });
    assert.equal((await db().knex('embed_sessions').where({ secret_prefix: old.prefix })).length, 0);
  });

  it('requires a write scope by name (403 naming it) and refuses unknown scopes (400)', async () => {
    const partner = await partnerOn();
    const reader = await mint('partner', partner.token, { origin: SITE });
    const apply = (secret: string) =>
      request(s.app)
        .post('/v1/partner/me/technical-partner/apply')
        .set({ ...s.bearer(secret), Origin: SITE })
        .send({ email: 'someone@example.test', app_name: 'Scoped App' });
    const refused = await apply(reader.client_secret);
    assert.equal(refused.status, 403);
    assert.match(refused.body.error.message, /lacks the scope technical_partner:apply/);

    const writer = await mint('partner', partner.token, { origin: SITE, scopes: ['technical_partner:apply'] });
    assert.deepEqual(writer.scopes, ['read', 'technical_partner:apply']);
    const applied = await apply(writer.client_secret);
    assert.equal(applied.status, 202, JSON.stringify(applied.body));
    assert.equal(applied.headers['access-control-allow-origin'], SITE);

    const unknown = await mint('partner', partner.token, { origin: SITE, scopes: ['admin:everything'] }, 400);
    assert.match(unknown.error.message, /body\.scopes\.0/);
    // a developer scope is not a partner scope
    await mint('partner', partner.token, { origin: SITE, scopes: ['partner_link:confirm'] }, 400);

    // routes for servers only (minting, allowlists) refuse embed sessions whatever their scopes
    const again = await request(s.app)
      .post('/v1/partner/embed-sessions')
      .set({ ...s.bearer(writer.client_secret), Origin: SITE })
      .send({ origin: SITE });
    assert.equal(again.status, 403);
    assert.match(again.body.error.message, /not open to embed sessions/);
  });

  it('mints only for an origin on the allowlist (403 naming it), for an exact origin (400 otherwise)', async () => {
    const partner = await partnerOn(['https://a.example']);
    const res = await mint('partner', partner.token, { origin: 'https://b.example' }, 403);
    assert.match(res.error.message, /Origin https:\/\/b\.example is not on this account's allowlist/);
    for (const origin of ['https://a.example/', 'https://a.example/path', 'https://A.example', 'ftp://a.example', 'a.example']) {
      const bad = await mint('partner', partner.token, { origin }, 400);
      assert.match(bad.error.message, /body\.origin: must be an exact origin/, origin);
    }
    const developer = await s.developer();
    const refused = await mint('developer', developer.key, { origin: SITE }, 403);
    assert.match(refused.error.message, /PUT \/v1\/developer\/me\/allowed-origins/);
  });

  it('refuses long-lived credentials on any request with an Origin header, naming embed sessions (403)', async () => {
    const partner = await partnerOn();
    const developer = await s.developer();
    const cases: [string, string, string][] = [
      ['/v1/partner/me/developer-impact', partner.token, 'POST /v1/partner/embed-sessions'],
      ['/v1/developer/me', developer.key, 'POST /v1/developer/embed-sessions'],
      ['/v1/admin/health', s.config.ADMIN_TOKEN as string, 'POST /v1/admin/embed-sessions'],
    ];
    for (const [path, credential, route] of cases) {
      // even from an allowed origin, and even the API's own
      for (const origin of [SITE, 'http://127.0.0.1']) {
        const res = await browser(path, credential, origin);
        assert.equal(res.status, 403, path);
        assert.equal(res.body.error.code, 'forbidden');
        assert.match(res.body.error.message, /Long-lived credentials .* are for servers/);
        assert.ok(res.body.error.message.includes(route), res.body.error.message);
        assert.equal(res.headers['access-control-allow-origin'], undefined);
      }
      assert.equal((await request(s.app).get(path).set(s.bearer(credential))).status, 200, `${path} from a server`);
    }
    const event = await request(s.app)
      .post('/v1/events/businesses')
      .set({ ...s.service, Origin: SITE })
      .send({ business_name: 'X', category: 'Y', city: 'Z', state: 'TX' });
    assert.equal(event.status, 403);
    assert.match(event.body.error.message, /servers only/);
    // minting itself is server to server
    const minted = await request(s.app)
      .post('/v1/partner/embed-sessions')
      .set({ ...s.bearer(partner.token), Origin: SITE })
      .send({ origin: SITE });
    assert.equal(minted.status, 403);
  });

  it('developer sessions: read with CORS, write scopes by name, and not on another audience', async () => {
    const developer = await s.developer();
    const put = await request(s.app)
      .put('/v1/developer/me/allowed-origins')
      .set(s.bearer(developer.key))
      .send({ allowed_origins: [SITE, SITE] });
    assert.equal(put.status, 200);
    assert.deepEqual(put.body.allowed_origins, [SITE], 'duplicates folded');
    const session = await mint('developer', developer.key, { origin: SITE, scopes: ['apps:write'] });
    const me = await browser('/v1/developer/me', session.client_secret);
    assert.equal(me.status, 200);
    assert.equal(me.body.id, developer.id);
    assert.equal(me.headers['access-control-allow-origin'], SITE);
    const app = await request(s.app)
      .post('/v1/developer/me/apps')
      .set({ ...s.bearer(session.client_secret), Origin: SITE })
      .send({ name: 'From a page', api_products: ['cmal'] });
    assert.equal(app.status, 201, JSON.stringify(app.body));
    const key = await request(s.app)
      .post('/v1/developer/me/technical-partner/key')
      .set({ ...s.bearer(session.client_secret), Origin: SITE });
    assert.equal(key.status, 403);
    assert.match(key.body.error.message, /technical_partner:key/);
    // a developer session is not a partner or admin credential
    assert.equal((await browser('/v1/partner/me/developer-impact', session.client_secret)).status, 401);
    assert.equal((await browser('/v1/admin/health', session.client_secret)).status, 401);
  });

  it('admin sessions: only for the API’s own origin, read-only', async () => {
    const own = 'http://127.0.0.1'; // supertest's Host header
    const host = { Host: '127.0.0.1' };
    const refused = await request(s.app)
      .post('/v1/admin/embed-sessions')
      .set({ ...s.admin, ...host })
      .send({ origin: SITE });
    assert.equal(refused.status, 403);
    assert.match(refused.body.error.message, /API's own pages \(http:\/\/127\.0\.0\.1\)/);
    const minted = await request(s.app)
      .post('/v1/admin/embed-sessions')
      .set({ ...s.admin, ...host })
      .send({ origin: own });
    assert.equal(minted.status, 201, JSON.stringify(minted.body));
    const health = await browser('/v1/admin/health', minted.body.client_secret, own);
    assert.equal(health.status, 200);
    assert.equal(health.headers['access-control-allow-origin'], own);
    const partner = await request(s.app)
      .post('/v1/admin/partners')
      .set({ ...s.bearer(minted.body.client_secret), Origin: own })
      .send({ directory_name: 'From a page' });
    assert.equal(partner.status, 403);
    assert.match(partner.body.error.message, /not open to embed sessions/);
  });

  it('uses PUBLIC_BASE_URL as the admin’s allowed origin when set', async () => {
    const { app, config } = testApp(db(), { PUBLIC_BASE_URL: 'https://widgets.example' });
    const own = new Scenario(app, config);
    await own.post('/v1/admin/embed-sessions', { origin: 'https://widgets.example' }, own.admin, 201);
    await own.post('/v1/admin/embed-sessions', { origin: 'http://127.0.0.1' }, own.admin, 403);
  });

  it('allowlists: each account reads and replaces its own; the admin manages anyone’s; nobody else’s', async () => {
    const mine = await partnerOn(['https://mine.example']);
    const theirs = await partnerOn(['https://theirs.example']);
    assert.deepEqual((await s.get('/v1/partner/me/allowed-origins', s.bearer(mine.token))).allowed_origins, ['https://mine.example']);
    const put = (path: string, headers: Record<string, string>, body: object) => request(s.app).put(path).set(headers).send(body);

    const replaced = await put('/v1/partner/me/allowed-origins', s.bearer(mine.token), { allowed_origins: ['https://new.example', 'http://localhost:8080'] });
    assert.equal(replaced.status, 200);
    assert.deepEqual(replaced.body.allowed_origins, ['https://new.example', 'http://localhost:8080']);
    assert.deepEqual((await s.get('/v1/partner/me/allowed-origins', s.bearer(theirs.token))).allowed_origins, ['https://theirs.example']);
    // a partner token is no admin credential: it cannot reach another partner's list
    assert.equal((await put(`/v1/admin/partners/${theirs.id}/allowed-origins`, s.bearer(mine.token), { allowed_origins: [] })).status, 401);
    assert.deepEqual((await s.get(`/v1/admin/partners/${theirs.id}/allowed-origins`, s.admin)).allowed_origins, ['https://theirs.example']);

    const invalid = await put('/v1/partner/me/allowed-origins', s.bearer(mine.token), { allowed_origins: ['https://x.example/path'] });
    assert.equal(invalid.status, 400);
    assert.match(invalid.body.error.message, /allowed_origins\.0: must be an exact origin/);
    const many = Array.from({ length: 21 }, (_, i) => `https://s${i}.example`);
    assert.match((await put('/v1/partner/me/allowed-origins', s.bearer(mine.token), { allowed_origins: many })).body.error.message, /at most 20/);

    // an embed session reads the list but never changes it
    const session = await mint('partner', mine.token, { origin: 'https://new.example', scopes: ['technical_partner:apply'] });
    const read = await browser('/v1/partner/me/allowed-origins', session.client_secret, 'https://new.example');
    assert.equal(read.status, 200);
    const write = await put('/v1/partner/me/allowed-origins', { ...s.bearer(session.client_secret), Origin: 'https://new.example' }, { allowed_origins: [] });
    assert.equal(write.status, 403);

    // the admin, for partners and developers; a removed origin can no longer be minted for
    const admin = await put(`/v1/admin/partners/${mine.id}/allowed-origins`, s.admin, { allowed_origins: [] });
    assert.deepEqual(admin.body.allowed_origins, []);
    await mint('partner', mine.token, { origin: 'https://new.example' }, 403);
    const developer = await s.developer();
    const devPut = await put(`/v1/admin/developers/${developer.id}/allowed-origins`, s.admin, { allowed_origins: [SITE] });
    assert.deepEqual(devPut.body.allowed_origins, [SITE]);
    assert.deepEqual((await s.get('/v1/developer/me/allowed-origins', s.bearer(developer.key))).allowed_origins, [SITE]);
    await mint('developer', developer.key, { origin: SITE }, 201);
    const missing = '00000000-0000-4000-8000-000000000000';
    assert.equal((await request(s.app).get(`/v1/admin/developers/${missing}/allowed-origins`).set(s.admin)).status, 404);
    assert.equal((await put(`/v1/admin/partners/${missing}/allowed-origins`, s.admin, { allowed_origins: [] })).status, 404);
  });

  it('answers preflights of every embed-session audience without authentication', async () => {
    for (const path of ['/v1/partner/me/developer-impact', '/v1/developer/me', '/v1/admin/revenue', '/v1/data/businesses']) {
      const res = await request(s.app)
        .options(path)
        .set({ Origin: SITE, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' });
      assert.equal(res.status, 204, path);
      assert.equal(res.headers['access-control-allow-origin'], SITE, path);
      assert.match(res.headers['access-control-allow-headers'] ?? '', /Authorization/, path);
    }
  });

  describe('host pages', () => {
    const own = 'http://127.0.0.1';
    const host = { Host: '127.0.0.1' };
    const signIn = (audience: string, credential: string, origin = own) =>
      request(s.app)
        .post('/session/sign-in')
        .set({ ...host, Origin: origin })
        .send({ audience, credential });
    const cookieOf = (res: request.Response) => {
      const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('ew_host_session='));
      assert.ok(header, 'a host-session cookie');
      return header;
    };
    const embed = (cookie: string | undefined, origin: string | null = own) =>
      request(s.app)
        .post('/session/embed-session')
        .set({ ...host, ...(origin ? { Origin: origin } : {}), ...(cookie ? { Cookie: cookie } : {}) });

    it('signs in with an HttpOnly, SameSite=Strict cookie holding a random id, never the credential', async () => {
      const partner = await partnerOn();
      const res = await signIn('partner', partner.token);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.audience, 'partner');
      const cookie = cookieOf(res);
      assert.match(cookie, /; HttpOnly/);
      assert.match(cookie, /; SameSite=Strict/);
      assert.match(cookie, /; Path=\/session/);
      assert.doesNotMatch(cookie, /; Secure/, 'plain HTTP: no Secure flag');
      assert.ok(!cookie.includes(partner.token) && !JSON.stringify(res.body).includes(partner.token));
      const value = cookie.split(';')[0]!.split('=')[1]!;
      const { rows } = await db().knex.raw('SELECT secret_hash FROM host_sessions');
      assert.ok(!JSON.stringify(rows).includes(value), 'only the digest of the cookie is stored');

      const current = await request(s.app)
        .get('/session')
        .set({ ...host, Cookie: cookie.split(';')[0]! });
      assert.equal(current.body.audience, 'partner');
      assert.equal((await request(s.app).get('/session').set(host)).body.audience, null);
    });

    it('marks the cookie Secure over HTTPS', async () => {
      const partner = await partnerOn();
      const { app } = testApp(db(), { PUBLIC_BASE_URL: 'https://widgets.example' });
      const res = await request(app)
        .post('/session/sign-in')
        .set({ Origin: 'https://widgets.example' })
        .send({ audience: 'partner', credential: partner.token });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.match(cookieOf(res), /; Secure/);
    });

    it('refuses a wrong credential (401) and a sign-in from another origin (403)', async () => {
      const partner = await partnerOn();
      assert.equal((await signIn('partner', 'ewp_AAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status, 401);
      assert.equal((await signIn('developer', partner.token)).status, 401);
      const elsewhere = await signIn('partner', partner.token, 'https://evil.example');
      assert.equal(elsewhere.status, 403);
      assert.equal(elsewhere.headers['set-cookie'], undefined);
      assert.equal((await signIn('root', partner.token)).status, 400);
    });

    it('counts wrong sign-ins against the failed-authentication limit', async () => {
      const partner = await partnerOn();
      const { app } = testApp(db(), { AUTH_FAILURES_PER_MINUTE: 2 });
      const attempt = (credential: string) =>
        request(app)
          .post('/session/sign-in')
          .set({ ...host, Origin: own })
          .send({ audience: 'partner', credential });
      assert.equal((await attempt(partner.token)).status, 200, 'a success does not count');
      assert.equal((await attempt('ewp_guess')).status, 401);
      assert.equal((await attempt('ewp_guess')).status, 401);
      const refused = await attempt(partner.token);
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers['retry-after']) >= 1);
    });

    it('gives the page embed sessions for its own origin from the cookie, checks Origin, and signs out', async () => {
      const developer = await s.developer();
      const cookie = cookieOf(await signIn('developer', developer.key)).split(';')[0]!;
      const res = await embed(cookie);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(res.body.client_secret, /^ews_/);
      assert.equal(res.body.origin, own);
      assert.ok(res.body.scopes.includes('technical_partner:apply'), 'the page’s widgets may write');
      const me = await request(s.app)
        .get('/v1/developer/me')
        .set({ ...s.bearer(res.body.client_secret), Origin: own });
      assert.equal(me.status, 200);
      assert.equal(me.body.id, developer.id);

      assert.equal((await embed(undefined)).status, 401);
      assert.equal((await embed('ew_host_session=forged')).status, 401);
      const wrong = await embed(cookie, 'https://evil.example');
      assert.equal(wrong.status, 403);
      assert.match(wrong.body.error.message, /host pages of http:\/\/127\.0\.0\.1 only/);
      assert.equal((await embed(cookie, null)).status, 403);

      const out = await request(s.app)
        .post('/session/sign-out')
        .set({ ...host, Origin: own, Cookie: cookie });
      assert.equal(out.status, 204);
      assert.match(cookieOf(out), /Expires=Thu, 01 Jan 1970/);
      assert.equal((await embed(cookie)).status, 401, 'signed out');
    });

    it('ends a host session whose credential was revoked', async () => {
      const developer = await s.developer();
      const cookie = cookieOf(await signIn('developer', developer.key)).split(';')[0]!;
      assert.equal((await embed(cookie)).status, 201);
      assert.equal((await request(s.app).delete(`/v1/admin/api-keys/${developer.keyId}`).set(s.admin)).status, 200);
      assert.equal((await embed(cookie)).status, 401);
    });

    it('signs the admin in for the admin pages', async () => {
      const cookie = cookieOf(await signIn('admin', s.config.ADMIN_TOKEN as string)).split(';')[0]!;
      const res = await embed(cookie);
      assert.equal(res.status, 201);
      const revenue = await request(s.app)
        .get('/v1/admin/revenue')
        .set({ ...s.bearer(res.body.client_secret), Origin: own });
      assert.equal(revenue.status, 200);
    });
  });
});
