import assert from 'node:assert/strict';
import { it } from 'node:test';
import request from 'supertest';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { Scenario } from '../helpers/scenario.ts';

describeEachDatabase('public micro-cache', (db) => {
  it('serves a public aggregate from memory within its lifetime, then fresh figures', async () => {
    const { app, config } = testApp(db(), { PUBLIC_CACHE_MS: 300 });
    const s = new Scenario(app, config);
    const first = await request(app).get('/v1/public/ecosystem/impact').expect(200);
    assert.equal(first.headers['x-cache'], undefined);
    await s.partner(); // one more directory
    const cached = await request(app).get('/v1/public/ecosystem/impact').expect(200);
    assert.equal(cached.headers['x-cache'], 'hit');
    assert.deepEqual(cached.body, first.body);
    assert.equal(cached.headers.etag, first.headers.etag);
    assert.match(cached.headers['cache-control']!, /public/);
    await request(app).get('/v1/public/ecosystem/impact').set('If-None-Match', first.headers.etag!).expect(304);
    await new Promise((r) => setTimeout(r, 350));
    const fresh = await request(app).get('/v1/public/ecosystem/impact').expect(200);
    assert.equal(fresh.body.directories, first.body.directories + 1);
    // errors are not cached
    await request(app).get('/v1/public/ecosystem/growth?months=0').expect(400);
    const again = await request(app).get('/v1/public/ecosystem/growth?months=0').expect(400);
    assert.equal(again.headers['x-cache'], undefined);
  });
});
