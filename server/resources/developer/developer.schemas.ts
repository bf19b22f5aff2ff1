import { z } from 'zod';
import {
  ApiProduct,
  Currency,
  FreeText,
  IdCursor,
  Money,
  Name,
  PaginationQuery,
  Percent,
  PricingTier,
  Timestamp,
  Uuid,
  WebUrl,
  withCurrency,
} from '../../http/schemas.ts';

export const POOL_FIELDS = ['id', 'business_name', 'category', 'city', 'state', 'average_rating', 'partner_id', 'referring_directory'] as const;

export const DataPoolQuery = PaginationQuery.extend({
  cursor: IdCursor,
  category: z.string().trim().min(1).max(100).optional(),
  state: z.string().trim().min(1).max(50).optional(),
  city: z.string().trim().min(1).max(100).optional(),
  directory: z.uuid({ error: 'must be a directory partner id (UUID)' }).optional(),
  fields: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return [...POOL_FIELDS];
      const fields = value
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean);
      const unknown = fields.filter((f) => !(POOL_FIELDS as readonly string[]).includes(f));
      if (unknown.length > 0 || fields.length === 0) {
        ctx.addIssue({ code: 'custom', message: `unknown field(s) ${unknown.join(', ') || '(none)'}; choose from ${POOL_FIELDS.join(', ')}` });
        return z.NEVER;
      }
      return [...new Set(['id', ...fields])] as (typeof POOL_FIELDS)[number][];
    })
    .meta({ description: `Comma-separated subset of ${POOL_FIELDS.join(', ')} (id is always included)` }),
  product: ApiProduct.default('cmal').meta({ description: 'The API product the call is billed under' }),
  app_id: z
    .uuid({ error: 'must be one of your app ids (UUID)' })
    .optional()
    .meta({ description: 'Which of your apps makes the call (credits its contributing directories)' }),
});

export const DataPoolPage = z
  .object({
    currency: Currency,
    data: z.array(
      z
        .object({
          id: Uuid,
          business_name: z.string().optional(),
          category: z.string().optional(),
          city: z.string().optional(),
          state: z.string().optional(),
          average_rating: z.number().nullable().optional(),
          partner_id: Uuid.optional(),
          referring_directory: z.string().optional(),
        })
        .strict(),
    ),
    next_cursor: z.string().nullable(),
    metering: z.object({ product: ApiProduct, pricing_tier: PricingTier, calls: z.literal(1), price_per_1000: Money, app_id: Uuid.nullable() }),
  })
  .meta({ id: 'DataPoolPage' });

export const DataSources = z
  .object({
    currency: Currency,
    records_served: z.number().int(),
    directories: z.array(z.object({ id: Uuid, directory_name: z.string(), records_served: z.number().int(), share_percent: Percent, apps: z.number().int() })),
    by_month: z.array(z.object({ month: z.string(), records_served: z.number().int() })),
    technical_partner: z
      .object({
        status: z.enum(['pending', 'active', 'suspended']),
        revenue_share_percent: Percent,
        total_app_referrals: z.number().int(),
        total_app_earnings: Money,
      })
      .nullable(),
  })
  .meta({ id: 'DataSources' });

export const DeveloperApp = z
  .object({
    id: Uuid,
    name: z.string(),
    url: z.string().nullable(),
    description: z.string().nullable(),
    is_showcased: z.boolean(),
    api_products: z.array(ApiProduct),
    partner_powered_since: Timestamp.nullable(),
    api_calls: z.number().int(),
    records_served: z.number().int(),
    businesses_attributed: z.number().int(),
    earnings_attributed: Money,
    created_at: Timestamp,
  })
  .meta({ id: 'DeveloperApp' });

export const CreatedDeveloperApp = withCurrency(DeveloperApp, 'CreatedDeveloperApp');

export const DeveloperApps = z.object({ currency: Currency, apps: z.array(DeveloperApp) }).meta({ id: 'DeveloperApps' });

export const CreateAppBody = z
  .object({
    name: Name(200),
    url: WebUrl().optional(),
    description: FreeText(2000).optional(),
    is_showcased: z.boolean().default(false),
    api_products: z.array(ApiProduct).min(1).max(4).default(['cmal']),
  })
  .strict();

/** A developer account as every audience sees it (the admin's listing adds its creation time). */
export const DeveloperAccount = z.object({
  id: Uuid,
  name: z.string(),
  email: z.string(),
  company: z.string().nullable(),
  pricing_tier: PricingTier,
  partner_id: Uuid.nullable(),
});

export const DeveloperProfile = DeveloperAccount.extend({ key_tier: PricingTier }).meta({ id: 'DeveloperProfile' });
