import type { Knex } from 'knex';
import type { z } from 'zod';
import { AppError, conflict, notFound } from '../../errors.ts';
import { bumpCounters, poolEntered, poolLeaving } from '../../summaries/summaries.ts';
import { currentTier, meter } from '../usage/metering.ts';
import type * as schemas from './events.schemas.ts';
import { transaction } from '../../db/transaction.ts';

/**
 * Platform events: what happens on the platform, recorded with every running aggregate kept
 * in the same transaction. Each refuses what would break a rule with a clear error.
 */

async function inPool(knex: Knex | Knex.Transaction, businessId: string): Promise<boolean> {
  return Boolean(await knex('partner_referred_businesses_api').where({ id: businessId }).first('id'));
}

interface BusinessRow {
  id: string;
  business_name: string;
  category: string;
  city: string;
  state: string;
  country: string;
  average_rating: string | null;
  is_verified: boolean;
  verified_at: Date | null;
  created_at: Date;
}

function presentBusiness(row: BusinessRow, pooled: boolean): z.input<typeof schemas.Business> {
  return {
    id: row.id, business_name: row.business_name, category: row.category, city: row.city, state: row.state,
    country: row.country, average_rating: row.average_rating === null ? null : Number(row.average_rating),
    is_verified: row.is_verified, in_data_pool: pooled, created_at: row.created_at.toISOString(),
  };
}

export async function registerBusiness(knex: Knex, body: z.output<typeof schemas.BusinessBody>) {
  const [row]: BusinessRow[] = await knex('businesses')
    .insert({
      ...body,
      average_rating: body.average_rating ?? null,
      verified_at: body.is_verified ? knex.fn.now() : null,
    })
    .returning('*');
  return presentBusiness(row!, false);
}

export async function setVerification(knex: Knex, businessId: string, isVerified: boolean) {
  return transaction(knex, async (trx) => {
    const row = await lockBusiness(trx, businessId);
    if (row.is_verified === isVerified) return presentBusiness(row, await inPool(trx, businessId));
    // Leaving is counted while the business is still a member (its entry month is still known).
    if (!isVerified && (await inPool(trx, businessId))) await poolLeaving(trx, [businessId]);
    const [updated]: BusinessRow[] = await trx('businesses')
      .where({ id: businessId })
      .update({ is_verified: isVerified, verified_at: isVerified ? trx.fn.now() : null, updated_at: trx.fn.now() })
      .returning('*');
    const pooled = isVerified && (await inPool(trx, businessId));
    if (pooled) await poolEntered(trx, [businessId]);
    return presentBusiness(updated!, pooled);
  });
}

/**
 * Every writer whose effect depends on the business's pool membership (verification,
 * conversion, CMAL reports) holds its row first, so they apply one after another. NO KEY
 * UPDATE leaves inserts that merely reference the business (payments, referrals) unblocked.
 */
async function lockBusiness(trx: Knex.Transaction, businessId: string): Promise<BusinessRow> {
  const row: BusinessRow | undefined = await trx('businesses').where({ id: businessId }).forNoKeyUpdate().first();
  if (!row) throw notFound(`Business ${businessId}`);
  return row;
}

interface ReferralRow {
  id: string;
  partner_id: string;
  referred_business_id: string;
  is_converted: boolean;
  converted_at: Date | null;
  created_at: Date;
}

function presentReferral(row: ReferralRow, pooled: boolean): z.input<typeof schemas.Referral> {
  return {
    id: row.id, partner_id: row.partner_id, business_id: row.referred_business_id, is_converted: row.is_converted,
    converted_at: row.converted_at?.toISOString() ?? null, created_at: row.created_at.toISOString(), in_data_pool: pooled,
  };
}

async function requireRows(trx: Knex.Transaction, partnerId: string, businessId: string) {
  const [partner, business] = await Promise.all([
    trx('directory_partners').where({ id: partnerId }).first('id'),
    trx('businesses').where({ id: businessId }).first('id', 'is_verified', 'verified_at'),
  ]);
  if (!partner) throw notFound(`Directory partner ${partnerId}`);
  if (!business) throw notFound(`Business ${businessId}`);
  return business as { id: string; is_verified: boolean; verified_at: Date | null };
}

export async function recordReferral(knex: Knex, body: z.output<typeof schemas.ReferralBody>) {
  return transaction(knex, async (trx) => {
    await requireRows(trx, body.partner_id, body.business_id);
    const [row]: ReferralRow[] = await trx('partner_referrals')
      .insert({ partner_id: body.partner_id, referred_business_id: body.business_id })
      .onConflict(['partner_id', 'referred_business_id'])
      .ignore()
      .returning('*');
    if (!row) throw conflict('This partner has already referred this business');
    await bumpCounters(trx, [{ metric: 'referrals', at: row.created_at, delta: 1 }]);
    return presentReferral(row, false);
  });
}

export async function recordConversion(knex: Knex, body: z.output<typeof schemas.ConversionBody>) {
  const convertedAt = body.converted_at ? new Date(body.converted_at) : new Date();
  if (convertedAt.getTime() > Date.now() + 5 * 60_000) {
    throw new AppError('validation_failed', 'Invalid request: body.converted_at: may not be in the future');
  }
  return transaction(knex, async (trx) => {
    const business = await lockBusiness(trx, body.business_id);
    if (!(await trx('directory_partners').where({ id: body.partner_id }).first('id'))) throw notFound(`Directory partner ${body.partner_id}`);
    const referral: ReferralRow | undefined = await trx('partner_referrals')
      .where({ partner_id: body.partner_id, referred_business_id: body.business_id })
      .forUpdate()
      .first();
    if (!referral) throw notFound('A referral of this business by this partner');
    if (referral.is_converted) throw conflict('This referral has already converted', { converted_at: referral.converted_at });
    // another partner's conversion of this business is refused by a unique index (mapped to 409)
    const [updated]: ReferralRow[] = await trx('partner_referrals')
      .where({ id: referral.id })
      .update({ is_converted: true, converted_at: convertedAt })
      .returning('*');
    await bumpCounters(trx, [{ metric: 'conversions', at: convertedAt, delta: 1 }]);
    if (business.is_verified) await poolEntered(trx, [business.id]);
    return presentReferral(updated!, business.is_verified);
  });
}

export async function recordAttribution(knex: Knex, body: z.output<typeof schemas.AttributionBody>) {
  return transaction(knex, async (trx) => {
    const [app, business] = await Promise.all([
      trx('developer_apps').where({ id: body.app_id }).first('id', 'developer_id', 'name'),
      trx('businesses').where({ id: body.business_id }).first('id'),
    ]);
    if (!app) throw notFound(`App ${body.app_id}`);
    if (!business) throw notFound(`Business ${body.business_id}`);
    const [row] = await trx('app_business_attributions')
      .insert({
        developer_id: app.developer_id, business_id: body.business_id, app_id: app.id, app_name: app.name,
        attribution_source: body.attribution_source ?? null,
      })
      .onConflict('business_id')
      .ignore()
      .returning('*');
    if (!row) {
      const existing = await trx('app_business_attributions').where({ business_id: body.business_id }).first('app_id', 'app_name');
      throw conflict(`Business ${body.business_id} is already attributed to the app "${existing?.app_name}"`, { app_id: existing?.app_id });
    }
    await trx('technical_partners')
      .where({ developer_id: app.developer_id })
      .update({ total_app_referrals: trx.raw('coalesce(total_app_referrals, 0) + 1'), updated_at: trx.fn.now() });
    return {
      id: row.id, developer_id: row.developer_id, business_id: row.business_id, app_id: row.app_id, app_name: row.app_name,
      attribution_source: row.attribution_source, api_calls_generated: row.api_calls_generated ?? 0,
      earnings_attributed: row.earnings_attributed ?? '0.00', created_at: row.created_at.toISOString(),
    } satisfies z.input<typeof schemas.Attribution>;
  });
}

export async function recordUsage(knex: Knex, body: z.output<typeof schemas.UsageBody>) {
  return transaction(knex, async (trx) => {
    const tier = body.pricing_tier ?? (await currentTier(trx, body.developer_id));
    if (!tier) throw notFound(`Developer ${body.developer_id}`);
    if (body.app_id) {
      const app = await trx('developer_apps').where({ id: body.app_id }).first('developer_id');
      if (!app || app.developer_id !== body.developer_id) throw notFound(`App ${body.app_id} of developer ${body.developer_id}`);
    }
    let records: { partnerId: string; count: number }[] = [];
    if (body.business_id) {
      const business = await trx('businesses').where({ id: body.business_id }).first('id');
      if (!business) throw notFound(`Business ${body.business_id}`);
      const pooled = await trx('partner_referred_businesses_api').where({ id: body.business_id }).first('partner_id');
      if (pooled) records = [{ partnerId: pooled.partner_id, count: body.calls }];
    }
    const usageDate = body.usage_date ?? new Date().toISOString().slice(0, 10);
    await meter(trx, {
      developerId: body.developer_id, appId: body.app_id ?? null, product: body.product, businessId: body.business_id ?? null,
      usageDate, tier, calls: body.calls, records,
    });
    return {
      developer_id: body.developer_id, app_id: body.app_id ?? null, product: body.product, usage_date: usageDate,
      pricing_tier: tier, calls: body.calls, partner_records: records.reduce((s, r) => s + r.count, 0),
    } satisfies z.input<typeof schemas.UsageResult>;
  });
}

export async function recordCmalImpact(knex: Knex, body: z.output<typeof schemas.CmalImpactBody>) {
  return transaction(knex, async (trx) => {
    await lockBusiness(trx, body.business_id);
    const previous = await trx('cmal_impact').where({ business_id: body.business_id, period_start: body.period_start }).forUpdate().first('economic_impact');
    const [row] = await trx('cmal_impact')
      .insert({ business_id: body.business_id, period_start: body.period_start, economic_impact: body.economic_impact, jobs_supported: body.jobs_supported })
      .onConflict(['business_id', 'period_start'])
      .merge({ economic_impact: body.economic_impact, jobs_supported: body.jobs_supported, reported_at: trx.fn.now() })
      .returning('*');
    if (await inPool(trx, body.business_id)) {
      const { rows } = await trx.raw('SELECT (?::numeric - ?::numeric)::text AS delta', [body.economic_impact, previous?.economic_impact ?? '0']);
      await bumpCounters(trx, [{ metric: 'pool_cmal_impact', at: `${body.period_start}T00:00:00Z`, delta: rows[0].delta }]);
    }
    return {
      business_id: row.business_id, period_start: row.period_start, economic_impact: row.economic_impact, jobs_supported: row.jobs_supported,
    } satisfies z.input<typeof schemas.CmalImpact>;
  });
}
