import { z } from 'zod';
import { ApiProduct, Currency, Money, Month, PaginationQuery, Percent, Timestamp, Uuid } from '../../http/schemas.ts';

/** A business as the public may see it: the fields of partner_referred_businesses_api, no more. */
export const PublicBusiness = z
  .object({
    id: Uuid,
    business_name: z.string(),
    category: z.string(),
    city: z.string(),
    state: z.string(),
    average_rating: z.number().nullable(),
    partner_id: Uuid,
    referring_directory: z.string(),
  })
  .strict()
  .meta({ id: 'PublicBusiness' });
export type PublicBusiness = z.infer<typeof PublicBusiness>;

export const PoolEntry = z
  .object({ event_id: z.string(), entered_at: Timestamp, business: PublicBusiness })
  .meta({ id: 'PoolEntry', description: 'A business entering the data pool (converted partner referral, verified)' });
export type PoolEntry = z.infer<typeof PoolEntry>;

export const EcosystemImpact = z
  .object({
    currency: Currency,
    partner_referred_businesses: z.number().int().meta({ description: 'Businesses in the data pool: converted partner referrals that are verified' }),
    apps_powered_by_partner_data: z.number().int(),
    combined_cmal_economic_impact: Money.meta({ description: 'Economic impact reported by CMAL for the data-pool businesses' }),
    directories: z.number().int(),
    developers: z.number().int(),
    apps: z.number().int(),
    value_flow: z
      .object({
        referrals: z.number().int().meta({ description: 'Businesses referred by directories' }),
        converted_businesses: z.number().int().meta({ description: 'Referrals that converted: businesses on the platform' }),
        data_pool_businesses: z.number().int().meta({ description: 'Converted and verified businesses feeding the API data pool' }),
        records_served: z.number().int().meta({ description: 'Partner-referred business records read by apps' }),
        partner_powered_apps: z.number().int(),
        partner_earnings: Money.meta({ description: 'Commission earned by directories' }),
        app_earnings: Money.meta({ description: 'Revenue share earned by Technical Partners through their apps' }),
      })
      .meta({ description: 'The circular value flow: referrals → businesses → API data pool → apps → partner earnings' }),
  })
  .meta({ id: 'EcosystemImpact' });

export const ContributingDirectory = z
  .object({ id: Uuid, directory_name: z.string(), records_served: z.number().int(), share_percent: Percent })
  .meta({ id: 'ContributingDirectory' });

export const ShowcaseApp = z
  .object({
    id: Uuid,
    name: z.string(),
    url: z.string().nullable(),
    description: z.string().nullable(),
    company: z.string().nullable(),
    api_products: z.array(ApiProduct),
    partner_powered_since: Timestamp,
    records_served: z.number().int(),
    businesses_attributed: z.number().int(),
    contributing_directories: z.array(ContributingDirectory).meta({ description: 'The five largest contributors, largest first' }),
    contributing_directories_total: z.number().int().meta({ description: 'How many directories contribute in all' }),
  })
  .meta({ id: 'ShowcaseApp' });
export type ShowcaseApp = z.infer<typeof ShowcaseApp>;

export const ShowcaseQuery = PaginationQuery.extend({
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(50).default(12),
  product: ApiProduct.optional(),
  directory: Uuid.optional().meta({ description: 'Only apps reading this directory’s businesses' }),
  q: z.string().trim().min(1).max(100).optional().meta({ description: 'Search in app names' }),
});

export const Showcase = z
  .object({
    apps: z.array(ShowcaseApp),
    next_cursor: z.string().nullable(),
    totals: z.object({ partner_powered_apps: z.number().int(), records_served: z.number().int(), directories: z.number().int() }),
  })
  .meta({ id: 'Showcase' });

export const AppIdParams = z.object({ appId: Uuid });

export const Badge = z
  .object({
    app: z.object({ id: Uuid, name: z.string(), url: z.string().nullable() }),
    partner_powered: z.boolean(),
    partner_powered_since: Timestamp.nullable(),
    records_served: z.number().int(),
    directories: z.array(ContributingDirectory),
  })
  .meta({ id: 'Badge' });

export const FeedQuery = z.object({
  newest: z.coerce.number({ error: 'must be a number' }).int().min(0).max(50).default(10),
  cities: z.coerce.number({ error: 'must be a number' }).int().min(0).max(20).default(5).meta({ description: 'Cities listed per state' }),
});

export const Feed = z
  .object({
    total_businesses: z.number().int(),
    by_category: z.array(z.object({ category: z.string(), businesses: z.number().int() })),
    by_state: z.array(
      z.object({
        state: z.string(),
        businesses: z.number().int(),
        cities: z.array(z.object({ city: z.string(), businesses: z.number().int() })),
      }),
    ),
    newest: z.array(PoolEntry),
  })
  .meta({ id: 'Feed' });

export const GrowthQuery = z.object({
  months: z.coerce.number({ error: 'must be a number' }).int().min(1).max(60).default(12),
});

export const Growth = z
  .object({
    months: z.array(
      z.object({
        month: Month,
        businesses: z.number().int().meta({ description: 'Data-pool businesses at the end of the month' }),
        new_businesses: z.number().int(),
        directories: z.number().int(),
        developers: z.number().int(),
        apps: z.number().int(),
        partner_powered_apps: z.number().int(),
        records_served: z.number().int().meta({ description: 'Records read by apps during the month' }),
      }),
    ),
  })
  .meta({ id: 'Growth' });

export const StreamHeaders = z.object({
  'last-event-id': z
    .string()
    .regex(/^\d{1,18}$/, 'must be an event id')
    .optional(),
});

export const BadgeSvgQuery = z.object({
  theme: z.enum(['light', 'dark']).default('light').meta({ description: 'Colours for light or dark pages' }),
});
