import { z } from 'zod';
import { ApiProduct, Currency, Money, Name, Percent, PricingTier, TechnicalPartnerStatus, Timestamp, Uuid, WebUrl, withCurrency } from '../../http/schemas.ts';

export const TechnicalPartner = z
  .object({
    id: Uuid,
    developer_id: Uuid,
    partner_id: Uuid.nullable(),
    status: TechnicalPartnerStatus,
    revenue_share_percent: Percent,
    total_app_referrals: z.number().int(),
    total_app_earnings: Money,
    app_name: z.string().nullable(),
    app_url: z.string().nullable(),
    approved_at: Timestamp.nullable(),
    suspended_at: Timestamp.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'TechnicalPartner' });
export type TechnicalPartner = z.infer<typeof TechnicalPartner>;

export const ProductPrice = z
  .object({
    product: ApiProduct,
    name: z.string(),
    price_per_1000: Money,
    technical_partner_price_per_1000: Money,
    discount_percent: Percent,
  })
  .meta({ id: 'ProductPrice' });

/** A newly issued API key: the secret appears in this response only. */
export const IssuedApiKey = z
  .object({
    id: Uuid,
    key: z.string().meta({ description: 'The secret. Shown once: store it now; only its hash is kept.' }),
    prefix: z.string(),
    pricing_tier: PricingTier,
    created_at: Timestamp,
    prices: z.array(ProductPrice),
  })
  .meta({ id: 'IssuedApiKey' });

/** An API key issued by a route of its own: with the currency of its prices. */
export const IssuedApiKeyResult = withCurrency(IssuedApiKey, 'IssuedApiKeyResult');

export const ApplyBody = z
  .object({
    app_name: Name(200),
    app_url: WebUrl().optional(),
  })
  .strict();

export const Application = z
  .object({ currency: Currency, technical_partner: TechnicalPartner.nullable(), prices: z.array(ProductPrice) })
  .meta({ id: 'TechnicalPartnerApplication' });

export const TransitionResult = z
  .object({ currency: Currency, technical_partner: TechnicalPartner, api_key: IssuedApiKey.nullable() })
  .meta({ id: 'TechnicalPartnerTransition' });
