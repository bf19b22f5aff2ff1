import { z } from 'zod';
import {
  Currency,
  CursorInstant,
  cursorOf,
  Money,
  Month,
  Name,
  PaginationQuery,
  Percent,
  PercentInput,
  TechnicalPartnerStatus,
  Timestamp,
  Uuid,
  WebUrl,
} from '../../http/schemas.ts';
import { DeveloperAccount } from '../developer/developer.schemas.ts';
import { TechnicalPartner } from '../technical-partners/technical-partners.schemas.ts';

export const MonthsQuery = z.object({
  months: z.coerce.number({ error: 'must be a number' }).int().min(1).max(60).default(12),
});

const ChannelFigures = z.object({ revenue: Money, payouts: Money, net: Money });

export const Revenue = z
  .object({
    currency: Currency,
    totals: z.object({
      platform_revenue: Money,
      payouts: Money,
      net: Money,
      partner_program: ChannelFigures.meta({ description: 'Revenue: business payments. Payouts: directory commissions.' }),
      developer_platform: ChannelFigures.meta({ description: 'Revenue: API billing. Payouts: Technical Partner app revenue share.' }),
    }),
    months: z.array(
      z.object({
        month: z.string(),
        business_payments: Money,
        api_billing: Money,
        platform_revenue: Money,
        partner_payouts: Money,
        app_payouts: Money,
        payouts: Money,
        net: Money,
      }),
    ),
  })
  .meta({ id: 'Revenue' });

export const CrossPollination = z
  .object({
    directories: z.number().int(),
    developers: z.number().int(),
    developers_who_became_partners: z.number().int(),
    partners_who_became_developers: z.number().int(),
    technical_partners: z.object({ pending: z.number().int(), active: z.number().int(), suspended: z.number().int(), linked_to_directory: z.number().int() }),
    rates: z.object({
      partner_to_developer_percent: Percent.meta({ description: 'Directories that also have a developer account' }),
      developer_to_partner_percent: Percent.meta({ description: 'Developers who later became directory partners' }),
      developer_to_technical_partner_percent: Percent.meta({ description: 'Developers who applied to be Technical Partners' }),
      technical_partner_approval_percent: Percent.meta({ description: 'Applications approved (active or suspended)' }),
    }),
    months: z.array(
      z.object({
        month: z.string(),
        developers_became_partners: z.number().int(),
        partners_became_developers: z.number().int(),
        technical_partner_applications: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'CrossPollination' });

export const HealthIndicator = z
  .object({
    key: z.string(),
    label: z.string(),
    value: z.string().meta({ description: 'Decimal text; see unit' }),
    unit: z.enum(['percent', 'count', 'days']),
    status: z.enum(['healthy', 'watch', 'at_risk']),
    definition: z.string(),
    thresholds: z.object({ healthy: z.string(), watch: z.string() }),
  })
  .meta({ id: 'HealthIndicator' });

export const Health = z.object({ generated_at: Timestamp, indicators: z.array(HealthIndicator) }).meta({ id: 'EcosystemHealth' });

export const TechnicalPartnerListQuery = PaginationQuery.extend({
  status: TechnicalPartnerStatus.optional(),
  // pending first, then newest first: the cursor carries the rank (0 pending, 1 other)
  cursor: cursorOf(z.tuple([z.union([z.literal(0), z.literal(1)]), CursorInstant, z.guid()])),
});

const Count = z.number().int().min(0);

export const TechnicalPartnerEvidence = z
  .object({
    apps: Count.meta({ description: 'Apps the developer registered' }),
    businesses_attributed: Count.meta({ description: 'Businesses attributed to those apps' }),
    api_calls_30d: Count.meta({ description: 'API calls the developer made in the last 30 days' }),
    partner_referrals: z
      .object({ total: Count, converted: Count })
      .nullable()
      .meta({ description: 'Referrals of the linked directory partner; null when the applicant is not linked to one' }),
  })
  .meta({ id: 'TechnicalPartnerEvidence', description: 'What an admin weighs before deciding on an application' });

export const TechnicalPartnerList = z
  .object({
    currency: Currency,
    technical_partners: z.array(
      TechnicalPartner.extend({
        developer: z.object({ name: z.string(), email: z.string(), company: z.string().nullable() }),
        directory_name: z.string().nullable(),
        evidence: TechnicalPartnerEvidence,
      }),
    ),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: 'TechnicalPartnerList' });

export const IdParams = z.object({ id: Uuid });

export const CreatePartnerBody = z
  .object({
    directory_name: Name(200),
    site_url: WebUrl().optional(),
    contact_name: Name(200).optional(),
    contact_email: z.email().max(200).optional(),
    commission_percent: PercentInput.default('10.00'),
    allowed_origins: z
      .array(z.url().refine((u) => URL.canParse(u) && new URL(u).origin === u, 'must be an origin such as https://example.com (no path)'))
      .max(20)
      .default([]),
  })
  .strict();

export const Partner = z
  .object({
    currency: Currency,
    id: Uuid,
    directory_name: z.string(),
    site_url: z.string().nullable(),
    commission_percent: Percent,
    status: z.string(),
    allowed_origins: z.array(z.string()),
    total_commission_earned: Money,
    created_at: Timestamp,
  })
  .meta({ id: 'Partner' });

export const CreateDeveloperBody = z
  .object({
    name: Name(200),
    email: z.email({ error: 'must be an email address' }).max(200),
    company: Name(200).optional(),
    pricing_tier: z.enum(['starter', 'growth']).default('starter'),
    partner_id: Uuid.optional(),
  })
  .strict();

export const Developer = DeveloperAccount.extend({ created_at: Timestamp }).meta({ id: 'Developer' });

export const IssuedPartnerToken = z
  .object({
    id: Uuid,
    partner_id: Uuid,
    token: z.string().meta({ description: 'Shown once; only its hash is kept' }),
    prefix: z.string(),
    created_at: Timestamp,
  })
  .meta({ id: 'IssuedPartnerToken' });

export const Revoked = z.object({ revoked: z.literal(true) });

export const CloseMonthBody = z.object({ month: Month.meta({ description: 'A month that has ended, YYYY-MM' }) }).strict();
export const ClosedMonth = z.object({ month: Month, closed_at: Timestamp }).meta({ id: 'ClosedMonth' });
export const ClosedMonths = z.object({ months: z.array(ClosedMonth).meta({ description: 'Newest first' }) }).meta({ id: 'ClosedMonths' });
