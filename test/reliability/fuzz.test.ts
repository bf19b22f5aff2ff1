import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, it } from 'node:test';
import fc from 'fast-check';
import type { Knex } from 'knex';
import request from 'supertest';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { Scenario } from '../helpers/scenario.ts';
import { listen } from '../helpers/server.ts';

/**
 * Property-based fuzzing of every route in the OpenAPI document: params, query, headers and
 * body drawn from hostile and near-valid values. Never a 5xx, never a stack trace, and a refused
 * request never changes a row.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);

const HOSTILE = [
  "' OR 1=1 --",
  "'; DROP TABLE businesses; --",
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '\u0000',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '99999999999999999999',
  '0x10',
  '{"$gt":""}',
  '__proto__',
  'constructor',
  ' ',
  '',
  '🙂'.repeat(50),
  'a'.repeat(5_000),
];

const text = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.uuid(),
);
const headerText = fc.oneof(fc.stringMatching(/^[\x21-\x7e]{0,80}$/), fc.constantFrom("' OR 1=1 --", '<script>', '-1', '0', '99999999999999999999'));
const jsonValue = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 3 }),
);

interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  security: string | null;
  pathParams: string[];
  query: string[];
  headers: string[];
  bodyFields: string[] | null;
}

function operations(document: { paths: Record<string, Record<string, any>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = (op.parameters ?? []) as { in: string; name: string }[];
      const body = op.requestBody?.content?.['application/json']?.schema;
      return {
        method: method as Operation['method'],
        path,
        security: (op.security?.[0] && Object.keys(op.security[0])[0]) ?? null,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => p.name),
        headers: params.filter((p) => p.in === 'header').map((p) => p.name),
        bodyFields: body ? Object.keys(body.properties ?? {}) : null,
      };
    }),
  );
}

/** Row counts and money totals of every table: a refused request must leave it unchanged. */
async function fingerprint(knex: Knex): Promise<string> {
  const tables = [
    'businesses',
    'directory_partners',
    'partner_tokens',
    'partner_referrals',
    'developer_accounts',
    'developer_apps',
    'api_keys',
    'api_usage',
    'business_payments',
    'earnings_ledger',
    'cmal_impact',
    'technical_partners',
    'app_business_attributions',
    'ecosystem_counters',
    'app_directory_contributions',
    'pool_events',
  ];
  const { rows } = await knex.raw(`SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t})`).join(" || ',' || ")} AS counts,
    (SELECT coalesce(sum(value), 0) FROM ecosystem_counters)::text AS counters,
    (SELECT count(*) FROM api_keys WHERE revoked_at IS NOT NULL)::text AS revoked,
    (SELECT string_agg(status, ',' ORDER BY id) FROM technical_partners) AS statuses`);
  return JSON.stringify(rows[0]);
}

describeEachDatabase('fuzzed input', (db) => {
  let s: Scenario;
  let credentials: Record<string, string>;
  let ids: string[];
  before(async () => {
    const { app, config } = testApp(db(), {
      PUBLIC_RATE_LIMIT_PER_MINUTE: 1_000_000_000,
      STREAM_REPLAYS_PER_MINUTE: 1_000_000_000,
      API_RATE_LIMIT_PER_MINUTE: 1_000_000_000,
      AUTH_FAILURES_PER_MINUTE: 1_000_000_000,
    });
    s = new Scenario(app, config);
    const partner = await s.partner();
    const tp = await s.technicalPartner('pending');
    const business = await s.referredBusiness(partner.id);
    credentials = { apiKey: tp.developer.key, partnerToken: partner.token, adminToken: config.ADMIN_TOKEN! };
    ids = [partner.id, tp.id, tp.developer.id, tp.app.id, business.id, tp.developer.keyId, partner.tokenId];
  });

  it(`every route, ${RUNS} cases each: never a 5xx or a stack trace; refused requests change nothing`, async () => {
    const document = (await request(s.app).get('/openapi.json')).body;
    const ops = operations(document).filter((op) => !op.path.endsWith('/stream'));
    assert.ok(ops.length >= 30);
    const tokens = Object.values(credentials);
    for (const op of ops) {
      const input = fc.record({
        params: fc.tuple(...op.pathParams.map(() => fc.oneof(fc.constantFrom(...ids), fc.uuid(), text)), fc.constant(null)),
        query: fc.dictionary(
          fc.oneof(fc.constantFrom(...op.query, 'x'), fc.string({ maxLength: 8 })),
          fc.oneof(text, fc.array(text, { minLength: 2, maxLength: 2 })),
          { maxKeys: 4 },
        ),
        auth: fc.oneof(fc.constant(op.security ? credentials[op.security] : undefined), fc.constantFrom(...tokens), headerText, fc.constant(undefined)),
        headers: fc.dictionary(fc.constantFrom(...op.headers, 'x-request-id', 'if-none-match'), headerText, { maxKeys: 2 }),
        body: op.bodyFields
          ? fc.oneof(fc.dictionary(fc.constantFrom(...op.bodyFields, 'extra'), jsonValue, { maxKeys: op.bodyFields.length + 1 }), jsonValue)
          : fc.constant(undefined),
        contentType: fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain'),
      });
      await fc.assert(
        fc.asyncProperty(input, async ({ params, query, auth, headers, body, contentType }) => {
          let path = op.path;
          for (const [i, name] of op.pathParams.entries()) path = path.replace(`{${name}}`, encodeURIComponent(String(params[i])));
          const search = new URLSearchParams();
          for (const [key, value] of Object.entries(query)) for (const v of [value].flat()) search.append(key, v);
          const before = await fingerprint(db().knex);
          let req = request(s.app)
            [op.method](`${path}${search.size ? `?${search}` : ''}`)
            .set(headers);
          if (auth !== undefined) req = req.set('Authorization', `Bearer ${auth}`);
          if (body !== undefined) req = req.set('Content-Type', contentType).send(JSON.stringify(body));
          const res = await req;
          await s.flushUsage(); // the metered calls of this case are written now, not in a later case's window
          const answer = res.text ?? String(res.body ?? ''); // an image answer (the SVG badge) has no text
          const label = `${op.method.toUpperCase()} ${op.path} → ${res.status} ${answer.slice(0, 300)}`;
          assert.ok(res.status < 500, label);
          assert.ok(!/\n\s+at |node_modules/.test(answer), `stack trace: ${label}`);
          if (res.status >= 400) {
            // the SVG badge answers an unknown app with its documented "not verified" image (404)
            const notVerifiedImage = op.path.endsWith('.svg') && res.status === 404 && /^image\/svg\+xml/.test(res.headers['content-type'] ?? '');
            if (!notVerifiedImage) assert.equal(typeof res.body?.error?.code, 'string', label);
            assert.equal(await fingerprint(db().knex), before, `refused request changed rows: ${label}`);
          }
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('the stream route refuses a bad Last-Event-ID and opens for a good one', async () => {
    const server = await listen(s.app);
    try {
      await fc.assert(
        fc.asyncProperty(headerText, async (value) => {
          const controller = new AbortController();
          const res = await fetch(`${server.base}/v1/public/feed/stream`, { headers: { 'Last-Event-ID': value }, signal: controller.signal });
          controller.abort();
          assert.ok(res.status === 200 || res.status === 400, `${value} → ${res.status}`);
          assert.equal(res.status === 200, /^\d{1,18}$/.test(value), value);
        }),
        { numRuns: Math.min(RUNS, 300) },
      );
    } finally {
      await server.close();
    }
  });

  it('stores SQL-injection and XSS strings verbatim, as data', async () => {
    const partner = await s.partner();
    const developer = await s.developer();
    for (const name of ["Bob's'; DROP TABLE businesses; --", '<img src=x onerror=alert(1)>', "' OR '1'='1", '<script>alert("x")</script>']) {
      const business = await s.referredBusiness(partner.id, { business_name: name, category: `${name} cat` });
      assert.equal(business.business_name, name);
      const page = await s.get(`/v1/data/businesses?directory=${partner.id}&category=${encodeURIComponent(`${name} cat`)}`, s.bearer(developer.key));
      assert.deepEqual(
        page.data.map((b: { business_name: string }) => b.business_name),
        [name],
      );
    }
    assert.ok(Number((await db().knex('businesses').count({ n: '*' }).first())!.n) > 0);
  });

  it('answers 413 to an oversized body and 415 to a non-JSON one on every write route', async () => {
    for (const path of ['/v1/events/businesses', '/v1/events/payments', '/v1/admin/partners']) {
      const big = await request(s.app)
        .post(path)
        .set({ ...s.admin, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() })
        .send(JSON.stringify({ x: 'y'.repeat(100_000) }));
      assert.equal(big.status, 413, path);
      const form = await request(s.app)
        .post(path)
        .set({ ...s.admin, 'Content-Type': 'application/x-www-form-urlencoded' })
        .send('a=b');
      assert.equal(form.status, 415, path);
    }
  });
});
