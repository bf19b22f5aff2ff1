import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { latestPoolEventId } from '../../server/resources/public/public.repository.ts';
import { poolEntered } from '../../server/summaries/summaries.ts';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { openEventStream } from '../helpers/event-stream.ts';
import { Scenario } from '../helpers/scenario.ts';
import { listen } from '../helpers/server.ts';

describeEachDatabase('live feed stream (SSE)', (db) => {
  let s: Scenario;
  let server: Awaited<ReturnType<typeof listen>>;
  let base: string;
  before(async () => {
    const { app, config } = testApp(db(), { SSE_HEARTBEAT_MS: 200 });
    s = new Scenario(app, config);
    server = await listen(app);
    base = server.base;
  });
  after(() => server.close());

  it('delivers a conversion posted through the API, with only public fields', async () => {
    const partner = await s.partner({ directory_name: 'Stream Directory' });
    const stream = await openEventStream(`${base}/v1/public/feed/stream`);
    const retry = await stream.next((e) => e.retry !== undefined);
    assert.equal(retry.retry, '3000');
    const business = await s.business({ business_name: 'Fresh Bakery', category: 'Restaurants' });
    await s.post('/v1/events/referrals', { partner_id: partner.id, business_id: business.id }, s.service, 201);
    await s.post('/v1/events/conversions', { partner_id: partner.id, business_id: business.id }, s.service, 200);
    const event = await stream.next((e) => e.event === 'business' && e.data!.includes(business.id));
    const entry = JSON.parse(event.data!);
    assert.equal(entry.business.business_name, 'Fresh Bakery');
    assert.equal(entry.business.referring_directory, 'Stream Directory');
    assert.equal(event.id, entry.event_id);
    assert.ok(!event.data!.includes('secret.example'));
    stream.close();
  });

  it('sends heartbeats, and an unverified conversion is not announced', async () => {
    const partner = await s.partner();
    const stream = await openEventStream(`${base}/v1/public/feed/stream`);
    await stream.next((e) => e.comment === 'heartbeat');
    const hidden = await s.business({ is_verified: false });
    await s.post('/v1/events/referrals', { partner_id: partner.id, business_id: hidden.id }, s.service, 201);
    await s.post('/v1/events/conversions', { partner_id: partner.id, business_id: hidden.id }, s.service, 200);
    const shown = await s.referredBusiness(partner.id);
    await stream.next((e) => e.data?.includes(shown.id) ?? false);
    assert.ok(!stream.events.some((e) => e.data?.includes(hidden.id)));
    stream.close();
  });

  it('resumes after Last-Event-ID: what was missed while disconnected arrives, in order, once', async () => {
    const partner = await s.partner();
    const first = await s.referredBusiness(partner.id);
    const feed = await s.get('/v1/public/feed?newest=1');
    const lastSeen = feed.newest[0].event_id as string;
    assert.equal(feed.newest[0].business.id, first.id);
    const missed = [await s.referredBusiness(partner.id), await s.referredBusiness(partner.id)];
    const stream = await openEventStream(`${base}/v1/public/feed/stream`, { 'Last-Event-ID': lastSeen });
    await stream.next((e) => e.data?.includes(missed[1]!.id) ?? false);
    const live = await s.referredBusiness(partner.id);
    await stream.next((e) => e.data?.includes(live.id) ?? false);
    const ids = stream.events.filter((e) => e.event === 'business').map((e) => JSON.parse(e.data!).business.id);
    assert.deepEqual(ids, [missed[0]!.id, missed[1]!.id, live.id]);
    stream.close();
  });

  it('refuses a malformed Last-Event-ID with 400', async () => {
    const res = await fetch(`${base}/v1/public/feed/stream`, { headers: { 'Last-Event-ID': 'abc' } });
    assert.equal(res.status, 400);
    assert.match((await res.json()).error.message, /headers\.last-event-id/);
  });
});

describeEachDatabase('live feed stream replay limits', (db) => {
  let s: Scenario;
  let server: Awaited<ReturnType<typeof listen>>;
  let base: string;
  before(async () => {
    const { app, config } = testApp(db(), { SSE_HEARTBEAT_MS: 200, STREAM_REPLAYS_PER_MINUTE: 3 });
    s = new Scenario(app, config);
    server = await listen(app);
    base = server.base;
  });
  after(() => server.close());

  it('replays at most the newest 50 entries after Last-Event-ID; then refuses replays past the per-address limit', async () => {
    const partner = await s.partner();
    const business = await s.referredBusiness(partner.id);
    const before = await latestPoolEventId(db().knex);
    await db().knex.transaction(async (trx) => {
      for (let i = 0; i < 80; i++) await poolEntered(trx, [business.id]);
    });
    const latest = await latestPoolEventId(db().knex);
    assert.equal(latest - before, 80);
    const stream = await openEventStream(`${base}/v1/public/feed/stream`, { 'Last-Event-ID': String(before) });
    await stream.next((e) => e.id === String(latest));
    const replayed = stream.events.filter((e) => e.event === 'business').map((e) => Number(e.id));
    assert.equal(replayed.length, 50);
    assert.deepEqual(
      replayed,
      [...replayed].sort((a, b) => a - b),
    );
    assert.equal(replayed.at(-1), latest);
    stream.close();

    // two more replays fit the limit of 3 a minute; the fourth is refused
    for (let i = 0; i < 2; i++) {
      const again = await openEventStream(`${base}/v1/public/feed/stream`, { 'Last-Event-ID': String(latest) });
      await again.next((e) => e.retry !== undefined);
      again.close();
    }
    const refused = await fetch(`${base}/v1/public/feed/stream`, { headers: { 'Last-Event-ID': String(latest) } });
    assert.equal(refused.status, 429);
    assert.match(refused.headers.get('retry-after') ?? '', /^\d+$/);
    assert.ok(Number(refused.headers.get('retry-after')) <= 60);
    assert.equal((await refused.json()).error.code, 'rate_limited');
    // a stream that asks for no replay is still served
    const plain = await openEventStream(`${base}/v1/public/feed/stream`);
    await plain.next((e) => e.retry !== undefined);
    plain.close();
  });
});
