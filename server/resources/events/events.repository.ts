import type { Knex } from 'knex';

/** Businesses, referrals, attributions and CMAL reports: the rows platform events write. */

export interface BusinessRow {
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

/** A new business; verified_at is now when it arrives verified. */
export async function insertBusiness(knex: Knex, fields: Record<string, unknown> & { is_verified: boolean }): Promise<BusinessRow> {
  const [row] = await knex('businesses')
    .insert({ ...fields, verified_at: fields.is_verified ? knex.fn.now() : null })
    .returning('*');
  return row;
}

export async function businessExists(knex: Knex | Knex.Transaction, businessId: string): Promise<boolean> {
  return Boolean(await knex('businesses').where({ id: businessId }).first('id'));
}

/** When the business was registered, or undefined when there is no such business. */
export async function businessRegisteredAt(knex: Knex | Knex.Transaction, businessId: string): Promise<Date | undefined> {
  return (await knex('businesses').where({ id: businessId }).first('created_at'))?.created_at;
}

/** The business's row, held (FOR NO KEY UPDATE) until the transaction ends. */
export function lockBusiness(trx: Knex.Transaction, businessId: string): Promise<BusinessRow | undefined> {
  return trx('businesses').where({ id: businessId }).forNoKeyUpdate().first();
}

/** Sets verification; verified_at becomes now, or nothing when withdrawn. */
export async function setVerified(trx: Knex.Transaction, businessId: string, isVerified: boolean): Promise<BusinessRow> {
  const [row] = await trx('businesses')
    .where({ id: businessId })
    .update({ is_verified: isVerified, verified_at: isVerified ? trx.fn.now() : null, updated_at: trx.fn.now() })
    .returning('*');
  return row;
}

/** The directory partner through which the business is in the data pool, if it is. */
export async function poolPartnerOf(knex: Knex | Knex.Transaction, businessId: string): Promise<string | undefined> {
  const row = await knex('partner_referred_businesses_api').where({ id: businessId }).first('partner_id');
  return row?.partner_id;
}

export interface ReferralRow {
  id: string;
  partner_id: string;
  referred_business_id: string;
  is_converted: boolean;
  converted_at: Date | null;
  created_at: Date;
}

/** A new referral, or undefined when the partner already referred the business. */
export async function insertReferral(trx: Knex.Transaction, partnerId: string, businessId: string): Promise<ReferralRow | undefined> {
  const [row] = await trx('partner_referrals')
    .insert({ partner_id: partnerId, referred_business_id: businessId })
    .onConflict(['partner_id', 'referred_business_id'])
    .ignore()
    .returning('*');
  return row;
}

/** The partner's referral of the business, held until the transaction ends. */
export function lockReferral(trx: Knex.Transaction, partnerId: string, businessId: string): Promise<ReferralRow | undefined> {
  return trx('partner_referrals').where({ partner_id: partnerId, referred_business_id: businessId }).forUpdate().first();
}

export async function markConverted(trx: Knex.Transaction, referralId: string, convertedAt: Date): Promise<ReferralRow> {
  const [row] = await trx('partner_referrals').where({ id: referralId }).update({ is_converted: true, converted_at: convertedAt }).returning('*');
  return row;
}

export interface AttributionRow {
  id: string;
  developer_id: string;
  business_id: string;
  app_id: string;
  app_name: string;
  attribution_source: string | null;
  api_calls_generated: number | null;
  earnings_attributed: string | null;
  created_at: Date;
}

/** A new attribution, or undefined when the business is already attributed (to any app). */
export async function insertAttribution(
  trx: Knex.Transaction,
  fields: Omit<AttributionRow, 'id' | 'api_calls_generated' | 'earnings_attributed' | 'created_at'>,
): Promise<AttributionRow | undefined> {
  const [row] = await trx('app_business_attributions').insert(fields).onConflict('business_id').ignore().returning('*');
  return row;
}

export function attributionOf(trx: Knex.Transaction, businessId: string): Promise<Pick<AttributionRow, 'app_id' | 'app_name'> | undefined> {
  return trx('app_business_attributions').where({ business_id: businessId }).first('app_id', 'app_name');
}

export interface CmalImpactRow {
  business_id: string;
  period_start: string;
  economic_impact: string;
  jobs_supported: number;
}

/** The impact reported so far for the business and month, its row held until the transaction ends. */
export async function lockCmalImpact(trx: Knex.Transaction, businessId: string, periodStart: string): Promise<string | undefined> {
  const row = await trx('cmal_impact').where({ business_id: businessId, period_start: periodStart }).forUpdate().first('economic_impact');
  return row?.economic_impact;
}

/** Records the month's report, replacing an earlier one. */
export async function upsertCmalImpact(trx: Knex.Transaction, report: CmalImpactRow): Promise<CmalImpactRow> {
  const [row] = await trx('cmal_impact')
    .insert(report)
    .onConflict(['business_id', 'period_start'])
    .merge({ economic_impact: report.economic_impact, jobs_supported: report.jobs_supported, reported_at: trx.fn.now() })
    .returning('*');
  return row;
}
