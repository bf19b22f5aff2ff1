import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, it } from 'node:test';
import request from 'supertest';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { Scenario } from '../helpers/scenario.ts';

describeEachDatabase('technical-partner lifecycle', (db) => {
  let s: Scenario;
  before(() => {
    const { app, config } = testApp(db());
    s = new Scenario(app, config);
  });
  const transition = (id: string, action: string, status: number) => s.post(`/v1/admin/technical-partners/${id}/${action}`, {}, s.admin, status);

  it('a developer applies once: pending with the default 5.00 share; applying twice is refused', async () => {
    const developer = await s.developer();
    const before = await s.get('/v1/developer/me/technical-partner', s.bearer(developer.key));
    assert.equal(before.technical_partner, null);
    assert.ok(before.prices.length === 4);
    const applied = await s.post(
      '/v1/developer/me/technical-partner/apply',
      { app_name: 'Maps', app_url: 'https://maps.example' },
      s.bearer(developer.key),
      201,
    );
    assert.equal(applied.technical_partner.status, 'pending');
    assert.equal(applied.technical_partner.revenue_share_percent, '5.00');
    assert.equal(applied.technical_partner.total_app_earnings, '0.00');
    const again = await s.post('/v1/developer/me/technical-partner/apply', { app_name: 'Maps' }, s.bearer(developer.key), 409);
    assert.match(again.error.message, /already applied.*pending/i);
    assert.equal((await db().knex('technical_partners').where({ developer_id: developer.id }).count({ n: '*' }).first())!.n, 1);
  });

  it('approve: pending → active, approved_at set, a preferential key shown once that works at once', async () => {
    const tp = await s.technicalPartner('pending');
    const asked = Date.now();
    const approved = await transition(tp.id, 'approve', 200);
    const answered = Date.now();
    assert.equal(approved.technical_partner.status, 'active');
    // the server stamps the approval with its clock, which is this process's: it falls within the call
    const approvedAt = Date.parse(approved.technical_partner.approved_at);
    assert.ok(asked <= approvedAt && approvedAt <= answered, `approved_at ${approved.technical_partner.approved_at}`);
    const key = approved.api_key;
    assert.equal(key.pricing_tier, 'technical_partner');
    assert.match(key.key, /^ewk_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{32}$/);
    const cmal = key.prices.find((p: { product: string }) => p.product === 'cmal');
    assert.deepEqual(cmal, {
      product: 'cmal',
      name: 'CMAL economic impact',
      price_per_1000: '4.00',
      technical_partner_price_per_1000: '3.00',
      discount_percent: '25.00',
    });
    const stored = await db().knex('api_keys').where({ id: key.id }).first();
    assert.notEqual(stored.key_hash, key.key);
    assert.ok(!JSON.stringify(stored).includes(key.key), 'only the hash is stored');
    const page = await s.get('/v1/data/businesses?limit=1', s.bearer(key.key));
    assert.equal(page.metering.pricing_tier, 'technical_partner');
    assert.equal(page.metering.price_per_1000, '3.00');
    // the list never shows a secret again
    const list = await s.get('/v1/admin/technical-partners?status=active', s.admin);
    assert.ok(!JSON.stringify(list).includes(key.key));
  });

  it('suspend: active → suspended and the preferential key stops working; reactivate issues a new one', async () => {
    const tp = await s.technicalPartner('active');
    const suspended = await transition(tp.id, 'suspend', 200);
    assert.equal(suspended.technical_partner.status, 'suspended');
    assert.equal(suspended.api_key, null);
    await s.get('/v1/data/businesses', s.bearer(tp.preferentialKey!), 401);
    await s.get('/v1/data/businesses', s.bearer(tp.developer.key), 200); // the ordinary key keeps working
    const reactivated = await transition(tp.id, 'reactivate', 200);
    assert.equal(reactivated.technical_partner.status, 'active');
    assert.equal(reactivated.technical_partner.suspended_at, null);
    await s.get('/v1/data/businesses', s.bearer(reactivated.api_key.key), 200);
  });

  it('refuses every illegal transition with 409 and changes nothing', async () => {
    const illegal: [string, 'pending' | 'active' | 'suspended'][] = [
      ['suspend', 'pending'],
      ['reactivate', 'pending'],
      ['approve', 'active'],
      ['reactivate', 'active'],
      ['approve', 'suspended'],
      ['suspend', 'suspended'],
    ];
    for (const [action, from] of illegal) {
      const tp = await s.technicalPartner(from);
      const keysBefore = await db().knex('api_keys').where({ developer_id: tp.developer.id }).count({ n: '*' }).first();
      const refused = await transition(tp.id, action, 409);
      assert.equal(refused.error.code, 'invalid_transition');
      assert.match(refused.error.message, new RegExp(`Cannot ${action} a technical partner that is ${from}`));
      const row = await db().knex('technical_partners').where({ id: tp.id }).first();
      assert.equal(row.status, from);
      assert.deepEqual(await db().knex('api_keys').where({ developer_id: tp.developer.id }).count({ n: '*' }).first(), keysBefore);
    }
  });

  it('answers 404 for an unknown id, 400 for a malformed one, 401 without the admin token', async () => {
    assert.equal((await transition(randomUUID(), 'approve', 404)).error.code, 'not_found');
    assert.match((await transition('nope', 'approve', 400)).error.message, /params\.id/);
    const tp = await s.technicalPartner('pending');
    const res = await request(s.app).post(`/v1/admin/technical-partners/${tp.id}/approve`).set(s.bearer(tp.developer.key));
    assert.equal(res.status, 401);
  });

  it('concurrent approvals of one application issue exactly one key', async () => {
    const tp = await s.technicalPartner('pending');
    const results = await Promise.all(Array.from({ length: 20 }, () => request(s.app).post(`/v1/admin/technical-partners/${tp.id}/approve`).set(s.admin)));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, ...Array(19).fill(409)]);
    const keys = await db().knex('api_keys').where({ developer_id: tp.developer.id, pricing_tier: 'technical_partner' }).count({ n: '*' }).first();
    assert.equal(keys!.n, 1);
  });

  const partnerApply = (token: string, body: Record<string, unknown>, status = 202) =>
    s.post('/v1/partner/me/technical-partner/apply', body, s.bearer(token), status);
  const confirm = (key: string, code: string, status: number) => s.post('/v1/developer/me/partner-link/confirm', { code }, s.bearer(key), status);

  it('a partner’s apply never links by email: the same answer for a taken and an unknown email, nothing linked or reserved', async () => {
    const partner = await s.partner();
    const victim = await s.developer();
    const taken = await partnerApply(partner.token, { email: victim.email.toUpperCase(), app_name: 'Grab' });
    const unknownEmail = `nobody-${randomUUID()}@dir.example`;
    const unknown = await partnerApply(partner.token, { email: unknownEmail, app_name: 'Grab' });
    const shape = (body: Record<string, unknown>) => ({ ...body, link_code: typeof body.link_code, expires_at: typeof body.expires_at });
    assert.deepEqual(shape(taken), shape(unknown));
    assert.equal(taken.status, 'confirmation_required');
    assert.equal(taken.technical_partner, null);
    assert.match(taken.link_code, /^ewl_[A-Za-z0-9_-]{32}$/);
    assert.notEqual(taken.link_code, unknown.link_code);
    // The victim is untouched: not linked, no application in its name, not visible to the partner.
    assert.equal((await db().knex('developer_accounts').where({ id: victim.id }).first()).partner_id, null);
    assert.equal((await s.get('/v1/developer/me/technical-partner', s.bearer(victim.key))).technical_partner, null);
    assert.equal((await s.get('/v1/partner/me/developer-impact', s.bearer(partner.token))).technical_partner, null);
    // An unknown email is not reserved: its real owner registers afterwards.
    const owner = await s.developer({ email: unknownEmail });
    assert.equal((await db().knex('developer_accounts').where({ id: owner.id }).first()).partner_id, null);
    const bad = await partnerApply(partner.token, { email: 'not-an-email', app_name: 'x' }, 400);
    assert.match(bad.error.message, /body\.email/);
  });

  it('the developer holding the email confirms with its own key and the one-time code: linked, and the application filed', async () => {
    const partner = await s.partner();
    const developer = await s.developer();
    const stranger = await s.developer();
    const { link_code } = await partnerApply(partner.token, { email: developer.email, app_name: 'Dir App', app_url: 'https://dir.example' });
    // Another developer cannot use the code, and a made-up code is the same 404.
    assert.equal((await confirm(stranger.key, link_code, 404)).error.code, 'not_found');
    await confirm(developer.key, `ewl_${'x'.repeat(32)}`, 404);
    const confirmed = await confirm(developer.key, link_code, 201);
    assert.equal(confirmed.technical_partner.status, 'pending');
    assert.equal(confirmed.technical_partner.partner_id, partner.id);
    assert.equal(confirmed.technical_partner.app_name, 'Dir App');
    assert.equal((await db().knex('developer_accounts').where({ id: developer.id }).first()).partner_id, partner.id);
    assert.equal((await s.get('/v1/partner/me/developer-impact', s.bearer(partner.token))).technical_partner.id, confirmed.technical_partner.id);
    await confirm(developer.key, link_code, 404); // one-time
    // Linked now: the partner applies again through its own account, and is told it already applied.
    const again = await partnerApply(partner.token, { email: developer.email, app_name: 'Dir App' }, 409);
    assert.equal(again.error.code, 'conflict');
  });

  it('a confirmation is refused when the developer or the partner is already linked elsewhere', async () => {
    const partner = await s.partner();
    const other = await s.partner();
    const developer = await s.developer();
    const first = await partnerApply(partner.token, { email: developer.email, app_name: 'One' });
    const second = await partnerApply(other.token, { email: developer.email, app_name: 'Two' });
    await confirm(developer.key, first.link_code, 201);
    assert.match((await confirm(developer.key, second.link_code, 409)).error.message, /another partner/);
  });

  type Listed = {
    id: string;
    status: string;
    created_at: string;
    developer: { email: string };
    directory_name: string | null;
    evidence: Record<string, unknown>;
  };

  it('lists applications pending first, then newest first, with the evidence an admin weighs, paging by cursor', async () => {
    const active = await s.technicalPartner('active');
    const pending = await s.technicalPartner('pending');
    await s.technicalPartner('suspended');
    // a directory partner with a linked developer, two referrals (one converted), and an app with a business and usage
    const partner = await s.partner();
    const developer = await s.developer({ partner_id: partner.id });
    const app = await s.appOf(developer.key);
    const business = await s.referredBusiness(partner.id);
    await s.post('/v1/events/referrals', { partner_id: partner.id, business_id: (await s.business()).id }, s.service, 201);
    await s.attribute(business.id, app.id);
    await s.get('/v1/data/businesses?limit=3', s.bearer(developer.key));
    const filed = await s.post('/v1/partner/me/technical-partner/apply', { email: developer.email, app_name: app.name }, s.bearer(partner.token), 202);

    const all: Listed[] = (await s.get('/v1/admin/technical-partners?limit=100', s.admin)).technical_partners;
    const firstOther = all.findIndex((tp) => tp.status !== 'pending');
    assert.ok(firstOther > 0 && all.slice(firstOther).every((tp) => tp.status !== 'pending'), 'pending first');
    for (const group of [all.slice(0, firstOther), all.slice(firstOther)]) {
      assert.deepEqual(
        group.map((tp) => tp.created_at),
        group
          .map((tp) => tp.created_at)
          .sort()
          .reverse(),
        'newest first within a group',
      );
    }
    assert.ok(all.findIndex((tp) => tp.id === pending.id) < all.findIndex((tp) => tp.id === active.id));

    const linked = all.find((tp) => tp.id === filed.technical_partner.id)!;
    assert.equal(linked.directory_name, partner.directory_name);
    assert.equal(linked.developer.email, developer.email);
    assert.deepEqual(linked.evidence, { apps: 1, businesses_attributed: 1, api_calls_30d: 1, partner_referrals: { total: 2, converted: 1 } });
    const solo = all.find((tp) => tp.id === pending.id)!;
    assert.deepEqual(solo.evidence, { apps: 1, businesses_attributed: 0, api_calls_30d: 0, partner_referrals: null });

    // pages of two, across the pending/other boundary, give the same list
    const paged: Listed[] = [];
    let cursor: string | null = null;
    do {
      const page: { technical_partners: Listed[]; next_cursor: string | null } = await s.get(
        `/v1/admin/technical-partners?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        s.admin,
      );
      paged.push(...page.technical_partners);
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual(
      paged.map((tp) => tp.id),
      all.map((tp) => tp.id),
    );
    const onlyPending: Listed[] = (await s.get('/v1/admin/technical-partners?status=pending&limit=100', s.admin)).technical_partners;
    assert.deepEqual(
      onlyPending.map((tp) => tp.id),
      all.slice(0, firstOther).map((tp) => tp.id),
    );
    assert.match((await s.get('/v1/admin/technical-partners?cursor=bm9wZQ', s.admin, 400)).error.message, /query\.cursor/);
  });

  it('the admin hub’s embed session approves, suspends and reactivates with the technical_partners:review scope only', async () => {
    const act = (page: Record<string, string>, id: string, action: string) => request(s.app).post(`/v1/admin/technical-partners/${id}/${action}`).set(page);
    const tp = await s.technicalPartner('pending');
    const readOnly = await act(await s.adminPage([]), tp.id, 'approve');
    assert.equal(readOnly.status, 403);
    assert.match(readOnly.body.error.message, /technical_partners:review/);
    const review = await s.adminPage(['technical_partners:review']);
    assert.equal((await act(review, tp.id, 'approve')).body.technical_partner.status, 'active');
    assert.equal((await act(review, tp.id, 'suspend')).body.technical_partner.status, 'suspended');
    assert.equal((await act(review, tp.id, 'reactivate')).body.technical_partner.status, 'active');
  });

  it('a partner retrieves its linked developer’s preferential key once approved; earlier ones stop working', async () => {
    const partner = await s.partner();
    const developer = await s.developer({ partner_id: partner.id });
    const issue = (status: number) => s.post('/v1/partner/me/technical-partner/key', {}, s.bearer(partner.token), status);
    assert.equal((await issue(404)).error.code, 'not_found');
    const filed = await s.post('/v1/partner/me/technical-partner/apply', { email: developer.email, app_name: 'Dir App' }, s.bearer(partner.token), 202);
    assert.equal((await issue(409)).error.code, 'invalid_transition');
    const approved = await transition(filed.technical_partner.id, 'approve', 200);
    const issued = await issue(201);
    assert.equal(issued.pricing_tier, 'technical_partner');
    assert.equal((await db().knex('api_keys').where({ id: issued.id }).first()).developer_id, developer.id);
    const page = await s.get('/v1/data/businesses?limit=1', s.bearer(issued.key));
    assert.equal(page.metering.pricing_tier, 'technical_partner');
    await s.get('/v1/data/businesses?limit=1', s.bearer(approved.api_key.key), 401);
    // another partner's token reaches only its own (absent) application
    assert.equal((await s.post('/v1/partner/me/technical-partner/key', {}, s.bearer((await s.partner()).token), 404)).error.code, 'not_found');
  });
});
