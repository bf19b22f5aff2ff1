import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type express from 'express';
import request from 'supertest';
import type { Config } from '../../server/config.ts';
import { usageMeterOf } from '../../server/resources/usage/usage-meter.ts';

/**
 * Builds ecosystems through the real API (admin and platform-event routes), so tests exercise
 * the same paths the platform uses. Every call asserts its expected status.
 */
export class Scenario {
  constructor(
    readonly app: express.Express,
    readonly config: Config,
  ) {}

  get admin() {
    return { Authorization: `Bearer ${this.config.ADMIN_TOKEN}` };
  }

  get service() {
    return { Authorization: `Bearer ${this.config.SERVICE_TOKEN}` };
  }

  bearer(token: string) {
    return { Authorization: `Bearer ${token}` };
  }

  async post(path: string, body: unknown, headers: Record<string, string>, status: number) {
    const res = await request(this.app)
      .post(path)
      .set(headers)
      .send(body as object);
    assert.equal(res.status, status, `${path}: ${JSON.stringify(res.body)}`);
    await this.flushUsage();
    return res.body;
  }

  async get(path: string, headers: Record<string, string> = {}, status = 200) {
    const res = await request(this.app).get(path).set(headers);
    assert.equal(res.status, status, `${path}: ${JSON.stringify(res.body)}`);
    await this.flushUsage();
    return res.body;
  }

  /** Writes the metered calls the app has counted, so that what a test reads next includes them. */
  flushUsage(): Promise<void> {
    return usageMeterOf(this.app).flush();
  }

  /** The headers of the admin hub's requests: an admin embed session with `scopes`, minted for the API's own origin. */
  async adminPage(scopes: string[]) {
    const own = 'http://127.0.0.1';
    const res = await request(this.app)
      .post('/v1/admin/embed-sessions')
      .set({ ...this.admin, Host: '127.0.0.1' })
      .send({ origin: own, scopes });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return { ...this.bearer(res.body.client_secret as string), Origin: own, Host: '127.0.0.1' };
  }

  async partner(fields: Record<string, unknown> = {}) {
    const partner = await this.post(
      '/v1/admin/partners',
      { directory_name: `Directory ${randomUUID().slice(0, 8)}`, commission_percent: '10.00', ...fields },
      this.admin,
      201,
    );
    const issued = await this.post(`/v1/admin/partners/${partner.id}/tokens`, {}, this.admin, 201);
    return { ...partner, token: issued.token as string, tokenId: issued.id as string };
  }

  async developer(fields: Record<string, unknown> = {}) {
    const developer = await this.post(
      '/v1/admin/developers',
      { name: 'Test Developer', email: `dev-${randomUUID()}@example.test`, ...fields },
      this.admin,
      201,
    );
    const issued = await this.post(`/v1/admin/developers/${developer.id}/api-keys`, {}, this.admin, 201);
    return { ...developer, key: issued.key as string, keyId: issued.id as string };
  }

  async appOf(developerKey: string, fields: Record<string, unknown> = {}) {
    return this.post(
      '/v1/developer/me/apps',
      { name: `App ${randomUUID().slice(0, 8)}`, is_showcased: true, api_products: ['cmal'], ...fields },
      this.bearer(developerKey),
      201,
    );
  }

  async business(fields: Record<string, unknown> = {}) {
    return this.post(
      '/v1/events/businesses',
      {
        business_name: `Business ${randomUUID().slice(0, 8)}`,
        category: 'Restaurants',
        city: 'Austin',
        state: 'TX',
        is_verified: true,
        contact_email: 'private-owner@secret.example',
        contact_phone: '+1-555-867-5309',
        owner_name: 'Secret Owner Name',
        ...fields,
      },
      this.service,
      201,
    );
  }

  /** A business referred by the partner and converted (in the data pool when verified). */
  async referredBusiness(partnerId: string, fields: Record<string, unknown> = {}) {
    const business = await this.business(fields);
    await this.post('/v1/events/referrals', { partner_id: partnerId, business_id: business.id }, this.service, 201);
    await this.post('/v1/events/conversions', { partner_id: partnerId, business_id: business.id }, this.service, 200);
    return business;
  }

  async attribute(businessId: string, appId: string) {
    return this.post('/v1/events/attributions', { business_id: businessId, app_id: appId }, this.service, 201);
  }

  async pay(businessId: string, amount: string, key = randomUUID()) {
    return this.post('/v1/events/payments', { business_id: businessId, amount }, { ...this.service, 'Idempotency-Key': key }, 201);
  }

  /** A developer with an app and a technical-partner application, moved to the given status. */
  async technicalPartner(status: 'pending' | 'active' | 'suspended', developerFields: Record<string, unknown> = {}) {
    const developer = await this.developer(developerFields);
    const app = await this.appOf(developer.key);
    const applied = await this.post('/v1/developer/me/technical-partner/apply', { app_name: app.name }, this.bearer(developer.key), 201);
    const id = applied.technical_partner.id as string;
    let preferentialKey: string | undefined;
    if (status !== 'pending') {
      preferentialKey = (await this.post(`/v1/admin/technical-partners/${id}/approve`, {}, this.admin, 200)).api_key.key;
    }
    if (status === 'suspended') await this.post(`/v1/admin/technical-partners/${id}/suspend`, {}, this.admin, 200);
    return { developer, app, id, preferentialKey };
  }
}
