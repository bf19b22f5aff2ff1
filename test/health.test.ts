import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type express from 'express';
import request from 'supertest';
import { openDatabase } from '../server/db/database.ts';
import { testApp } from './helpers/app.ts';
import { databaseTargets, describeEachDatabase } from './helpers/databases.ts';

function assertErrorShape(body: unknown, code: string) {
  const { error } = body as { error: { code: string; message: string } };
  assert.equal(error.code, code);
  assert.equal(typeof error.message, 'string');
  assert.ok(!JSON.stringify(body).includes('    at '), 'no stack trace');
}

describeEachDatabase('health and errors', (db, dialect) => {
  let app: express.Express;
  before(() => {
    app = testApp(db()).app;
  });

  it('GET /healthz answers 200 without touching the database', async () => {
    const res = await request(app).get('/healthz').expect(200);
    assert.deepEqual(res.body, { status: 'ok' });
  });

  it('GET /readyz answers 200 and names the database', async () => {
    const res = await request(app).get('/readyz').expect(200);
    assert.deepEqual(res.body, { status: 'ready', database: dialect });
  });

  it('an unknown route gets the error shape with 404', async () => {
    const res = await request(app).get('/no/such/route').expect(404);
    assertErrorShape(res.body, 'not_found');
    assert.match(res.body.error.message, /GET \/no\/such\/route/);
  });

  it('malformed JSON gets 400 invalid_json', async () => {
    const res = await request(app).post('/healthz').set('Content-Type', 'application/json').send('{"a":').expect(400);
    assertErrorShape(res.body, 'invalid_json');
  });

  it('a non-JSON body gets 415 and an oversized one 413', async () => {
    const plain = await request(app).post('/healthz').set('Content-Type', 'text/plain').send('hello').expect(415);
    assertErrorShape(plain.body, 'unsupported_media_type');
    const big = await request(app)
      .post('/healthz')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ a: 'x'.repeat(200_000) }))
      .expect(413);
    assertErrorShape(big.body, 'payload_too_large');
  });

  it('echoes a well-formed X-Request-Id and invents one otherwise', async () => {
    const given = await request(app).get('/healthz').set('X-Request-Id', 'abc-123').expect(200);
    assert.equal(given.headers['x-request-id'], 'abc-123');
    const invented = await request(app).get('/healthz').set('X-Request-Id', 'bad id with spaces').expect(200);
    assert.match(invented.headers['x-request-id']!, /^[0-9a-f-]{36}$/);
  });

  it('sends security headers', async () => {
    const res = await request(app).get('/healthz');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-powered-by'], undefined);
    assert.ok(res.headers['content-security-policy']);
  });
});

describe('readiness without a database', () => {
  it('GET /readyz answers 503 with the error shape once the embedded database is closed', async () => {
    const db = await databaseTargets()[0]!.open();
    const { app } = testApp(db);
    await request(app).get('/readyz').expect(200);
    await db.pglite!.close();
    await expectUnavailable(app);
    await db.close();
  });

  it('GET /readyz answers 503 when the PostgreSQL server is unreachable', async () => {
    const db = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/unreachable' });
    await expectUnavailable(testApp(db).app);
    await db.close();
  });
});

async function expectUnavailable(app: express.Express) {
  const res = await request(app).get('/readyz').expect(503);
  assertErrorShape(res.body, 'database_unavailable');
  assert.equal(res.headers['retry-after'], '1');
}
