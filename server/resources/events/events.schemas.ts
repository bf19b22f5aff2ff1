import { z } from 'zod';
import { ApiProduct, Currency, Money, MoneyInput, Name, NotInFuture, PricingTier, Timestamp, Uuid } from '../../http/schemas.ts';

export const BusinessBody = z
  .object({
    business_name: Name(200),
    category: Name(100),
    city: Name(100),
    state: Name(50),
    country: z.string().trim().length(2).toUpperCase().default('US'),
    average_rating: z.number().min(0).max(5).multipleOf(0.1).nullable().optional(),
    is_verified: z.boolean().default(false),
    contact_email: z.email().max(200).optional(),
    contact_phone: z.string().max(50).optional(),
    owner_name: z.string().max(200).optional(),
  })
  .strict();

export const Business = z
  .object({
    id: Uuid,
    business_name: z.string(),
    category: z.string(),
    city: z.string(),
    state: z.string(),
    country: z.string(),
    average_rating: z.number().nullable(),
    is_verified: z.boolean(),
    in_data_pool: z.boolean(),
    created_at: Timestamp,
  })
  .meta({ id: 'Business' });

export const BusinessParams = z.object({ businessId: Uuid });
export const VerificationBody = z.object({ is_verified: z.boolean() }).strict();

export const ReferralBody = z.object({ partner_id: Uuid, business_id: Uuid }).strict();
export const ConversionBody = z.object({ partner_id: Uuid, business_id: Uuid, converted_at: NotInFuture.optional() }).strict();

export const Referral = z
  .object({
    id: Uuid,
    partner_id: Uuid,
    business_id: Uuid,
    is_converted: z.boolean(),
    converted_at: Timestamp.nullable(),
    created_at: Timestamp,
    in_data_pool: z.boolean(),
  })
  .meta({ id: 'Referral' });

export const AttributionBody = z.object({ business_id: Uuid, app_id: Uuid, attribution_source: z.string().trim().min(1).max(100).optional() }).strict();

export const Attribution = z
  .object({
    currency: Currency,
    id: Uuid,
    developer_id: Uuid,
    business_id: Uuid,
    app_id: Uuid,
    app_name: z.string(),
    attribution_source: z.string().nullable(),
    api_calls_generated: z.number().int(),
    earnings_attributed: Money,
    created_at: Timestamp,
  })
  .meta({ id: 'Attribution' });

export const UsageBody = z
  .object({
    developer_id: Uuid,
    app_id: Uuid.optional(),
    product: ApiProduct,
    business_id: Uuid.optional(),
    usage_date: z.iso.date().optional().meta({ description: 'Defaults to today (UTC)' }),
    calls: z.number().int().min(1).max(10_000_000),
    pricing_tier: PricingTier.optional().meta({ description: 'Defaults to the developer’s current tier' }),
  })
  .strict();

export const UsageResult = z
  .object({
    developer_id: Uuid,
    app_id: Uuid.nullable(),
    product: ApiProduct,
    usage_date: z.string(),
    pricing_tier: PricingTier,
    calls: z.number().int(),
    partner_records: z.number().int(),
  })
  .meta({ id: 'UsageResult' });

export const CmalImpactBody = z
  .object({
    business_id: Uuid,
    period_start: z.iso.date().refine((d) => d.endsWith('-01'), 'must be the first day of a month'),
    economic_impact: MoneyInput.or(z.literal('0.00')),
    jobs_supported: z.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const CmalImpact = z
  .object({ currency: Currency, business_id: Uuid, period_start: z.string(), economic_impact: Money, jobs_supported: z.number().int() })
  .meta({ id: 'CmalImpact' });
