import type { Knex } from 'knex';
import type { z } from 'zod';
import { transaction } from '../../db/transaction.ts';
import { conflict, notFound } from '../../errors.ts';
import type { Answer } from '../../http/api.ts';
import { subtractCents } from '../../money.ts';
import { bumpPartnerCounters, creditConvertingPartners, holdBusinesses, partnerConverted } from '../../summaries/partner-counters.ts';
import { bumpCounters, poolEntered, poolLeaving } from '../../summaries/summaries.ts';
import * as developers from '../developer/developer.repository.ts';
import { type FraudTerms, screenConversion } from '../fraud/fraud.service.ts';
import * as partners from '../partner/partner.repository.ts';
import { addAppReferral } from '../technical-partners/technical-partners.repository.ts';
import { currentTier, meter } from '../usage/metering.ts';
import * as repository from './events.repository.ts';
import type * as schemas from './events.schemas.ts';

/**
 * Platform events: what happens on the platform, recorded with every running aggregate kept
 * in the same transaction. Each refuses what would break a rule with a clear error.
 */

async function inPool(knex: Knex | Knex.Transaction, businessId: string): Promise<boolean> {
  return (await repository.poolPartnerOf(knex, businessId)) !== undefined;
}

function presentBusiness(row: repository.BusinessRow, pooled: boolean): Answer<typeof schemas.Business> {
  return {
    id: row.id,
    business_name: row.business_name,
    category: row.category,
    city: row.city,
    state: row.state,
    country: row.country,
    average_rating: row.average_rating === null ? null : Number(row.average_rating),
    is_verified: row.is_verified,
    in_data_pool: pooled,
    created_at: row.created_at.toISOString(),
  };
}

export async function registerBusiness(knex: Knex, body: z.output<typeof schemas.BusinessBody>) {
  const row = await repository.insertBusiness(knex, { ...body, average_rating: body.average_rating ?? null });
  return presentBusiness(row, false);
}

export async function setVerification(knex: Knex, businessId: string, isVerified: boolean) {
  return transaction(knex, async (trx) => {
    const row = await lockBusiness(trx, businessId);
    if (row.is_verified === isVerified) return presentBusiness(row, await inPool(trx, businessId));
    // Leaving is counted while the business is still a member (its entry month is still known).
    if (!isVerified && (await inPool(trx, businessId))) await poolLeaving(trx, [businessId]);
    const updated = await repository.setVerified(trx, businessId, isVerified);
    const pooled = isVerified && (await inPool(trx, businessId));
    if (pooled) await poolEntered(trx, [businessId]);
    return presentBusiness(updated, pooled);
  });
}

/**
 * Every writer whose effect depends on the business's pool membership (verification,
 * conversion, CMAL reports) holds its row first, so they apply one after another. NO KEY
 * UPDATE leaves inserts that merely reference the business (payments, referrals) unblocked.
 */
async function lockBusiness(trx: Knex.Transaction, businessId: string): Promise<repository.BusinessRow> {
  const row = await repository.lockBusiness(trx, businessId);
  if (!row) throw notFound(`Business ${businessId}`);
  return row;
}

function presentReferral(row: repository.ReferralRow, pooled: boolean): Answer<typeof schemas.Referral> {
  return {
    id: row.id,
    partner_id: row.partner_id,
    business_id: row.referred_business_id,
    is_converted: row.is_converted,
    converted_at: row.converted_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    in_data_pool: pooled,
  };
}

async function requirePartner(knex: Knex | Knex.Transaction, partnerId: string): Promise<void> {
  if (!(await partners.findPartner(knex, partnerId))) throw notFound(`Directory partner ${partnerId}`);
}

async function requireBusiness(knex: Knex | Knex.Transaction, businessId: string): Promise<void> {
  if (!(await repository.businessExists(knex, businessId))) throw notFound(`Business ${businessId}`);
}

export async function recordReferral(knex: Knex, body: z.output<typeof schemas.ReferralBody>) {
  return transaction(knex, async (trx) => {
    await requirePartner(trx, body.partner_id);
    await requireBusiness(trx, body.business_id);
    const row = await repository.insertReferral(trx, body.partner_id, body.business_id);
    if (!row) throw conflict('This partner has already referred this business');
    await bumpCounters(trx, [{ metric: 'referrals', at: row.created_at, delta: 1 }]);
    await bumpPartnerCounters(trx, [{ partnerId: row.partner_id, metric: 'referrals', delta: 1 }]);
    return presentReferral(row, false);
  });
}

export async function recordConversion(knex: Knex, body: z.output<typeof schemas.ConversionBody>, fraud: FraudTerms) {
  const convertedAt = body.converted_at ? new Date(body.converted_at) : new Date();
  return transaction(knex, async (trx) => {
    const business = await lockBusiness(trx, body.business_id);
    await requirePartner(trx, body.partner_id);
    const referral = await repository.lockReferral(trx, body.partner_id, body.business_id);
    if (!referral) throw notFound('A referral of this business by this partner');
    if (referral.is_converted) throw conflict('This referral has already converted', { converted_at: referral.converted_at });
    // another partner's conversion of this business is refused by a unique index (mapped to 409)
    const updated = await repository.markConverted(trx, referral.id, convertedAt);
    await bumpCounters(trx, [{ metric: 'conversions', at: convertedAt, delta: 1 }]);
    await partnerConverted(trx, body.partner_id, business.id);
    await screenConversion(trx, body.partner_id, convertedAt, fraud);
    const pooled = await inPool(trx, business.id);
    if (pooled) await poolEntered(trx, [business.id]);
    return presentReferral(updated, pooled);
  });
}

export async function recordAttribution(knex: Knex, body: z.output<typeof schemas.AttributionBody>) {
  return transaction(knex, async (trx) => {
    const app = await developers.findApp(trx, body.app_id);
    if (!app) throw notFound(`App ${body.app_id}`);
    await requireBusiness(trx, body.business_id);
    await holdBusinesses(trx, [body.business_id]);
    const row = await repository.insertAttribution(trx, {
      developer_id: app.developer_id,
      business_id: body.business_id,
      app_id: app.id,
      app_name: app.name,
      attribution_source: body.attribution_source ?? null,
    });
    if (!row) {
      const existing = await repository.attributionOf(trx, body.business_id);
      throw conflict(`Business ${body.business_id} is already attributed to the app "${existing?.app_name}"`, { app_id: existing?.app_id });
    }
    await addAppReferral(trx, app.developer_id);
    await creditConvertingPartners(trx, 'attributed_businesses', [{ businessId: row.business_id, item: app.id, delta: 1 }]);
    return {
      id: row.id,
      developer_id: row.developer_id,
      business_id: row.business_id,
      app_id: row.app_id,
      app_name: row.app_name,
      attribution_source: row.attribution_source,
      api_calls_generated: row.api_calls_generated ?? 0,
      earnings_attributed: row.earnings_attributed ?? '0.00',
      created_at: row.created_at.toISOString(),
    } satisfies Answer<typeof schemas.Attribution>;
  });
}

export async function recordUsage(knex: Knex, body: z.output<typeof schemas.UsageBody>) {
  return transaction(knex, async (trx) => {
    const tier = body.pricing_tier ?? (await currentTier(trx, body.developer_id));
    if (!tier) throw notFound(`Developer ${body.developer_id}`);
    if (body.app_id) {
      const app = await developers.findApp(trx, body.app_id);
      if (!app || app.developer_id !== body.developer_id) throw notFound(`App ${body.app_id} of developer ${body.developer_id}`);
    }
    let records: { partnerId: string; count: number }[] = [];
    if (body.business_id) {
      await requireBusiness(trx, body.business_id);
      const partnerId = await repository.poolPartnerOf(trx, body.business_id);
      if (partnerId) records = [{ partnerId, count: body.calls }];
    }
    const usageDate = body.usage_date ?? new Date().toISOString().slice(0, 10);
    await meter(trx, {
      developerId: body.developer_id,
      appId: body.app_id ?? null,
      product: body.product,
      businessId: body.business_id ?? null,
      usageDate,
      tier,
      calls: body.calls,
      records,
    });
    return {
      developer_id: body.developer_id,
      app_id: body.app_id ?? null,
      product: body.product,
      usage_date: usageDate,
      pricing_tier: tier,
      calls: body.calls,
      partner_records: records.reduce((s, r) => s + r.count, 0),
    } satisfies z.input<typeof schemas.UsageResult>;
  });
}

export async function recordCmalImpact(knex: Knex, body: z.output<typeof schemas.CmalImpactBody>) {
  return transaction(knex, async (trx) => {
    await lockBusiness(trx, body.business_id);
    const previous = await repository.lockCmalImpact(trx, body.business_id, body.period_start);
    const row = await repository.upsertCmalImpact(trx, {
      business_id: body.business_id,
      period_start: body.period_start,
      economic_impact: body.economic_impact,
      jobs_supported: body.jobs_supported,
    });
    if (await inPool(trx, body.business_id)) {
      const delta = subtractCents(body.economic_impact, previous ?? '0');
      await bumpCounters(trx, [{ metric: 'pool_cmal_impact', at: `${body.period_start}T00:00:00Z`, delta }]);
    }
    return {
      business_id: row.business_id,
      period_start: row.period_start,
      economic_impact: row.economic_impact,
      jobs_supported: row.jobs_supported,
    } satisfies Answer<typeof schemas.CmalImpact>;
  });
}
