import { z } from 'zod';
import { ApiProduct, Currency, Money, Name, Percent, Timestamp, Uuid, WebUrl } from '../../http/schemas.ts';
import { TechnicalPartner } from '../technical-partners/technical-partners.schemas.ts';

export const DeveloperImpact = z
  .object({
    currency: Currency,
    partner: z.object({ id: Uuid, directory_name: z.string(), commission_percent: Percent, status: z.string() }),
    referrals: z.object({ total: z.number().int(), converted: z.number().int(), in_data_pool: z.number().int() }),
    apps: z.array(
      z.object({
        id: Uuid,
        name: z.string(),
        url: z.string().nullable(),
        company: z.string().nullable(),
        records_served: z.number().int().meta({ description: 'Records of your businesses the app has read' }),
        businesses_attributed: z.number().int().meta({ description: 'Your referred businesses this app brought in' }),
      }),
    ),
    api_usage: z.object({
      records_served: z.number().int(),
      calls: z.number().int().meta({ description: 'Metered calls about your referred businesses' }),
      by_product: z.array(z.object({ product: ApiProduct, calls: z.number().int() })),
    }),
    commissions: z.object({
      total: Money,
      by_month: z.array(z.object({ month: z.string(), amount: Money })),
    }),
    technical_partner: TechnicalPartner.nullable(),
    combined_earnings: Money.meta({ description: 'Commissions plus Technical Partner app earnings' }),
  })
  .meta({ id: 'DeveloperImpact' });

export const PartnerApplyBody = z
  .object({
    email: z.email({ error: 'must be an email address' }).max(200),
    name: Name(200).optional(),
    company: Name(200).optional(),
    app_name: Name(200),
    app_url: WebUrl().optional(),
  })
  .strict();

export const PartnerApplication = z
  .object({
    currency: Currency,
    status: z.enum(['application_filed', 'confirmation_required']).meta({
      description: 'application_filed: your linked developer account applied; confirmation_required: the developer holding the email must confirm',
    }),
    message: z.string(),
    technical_partner: TechnicalPartner.nullable(),
    link_code: z.string().nullable().meta({ description: 'One-time code the developer confirms with its own API key; shown once' }),
    expires_at: Timestamp.nullable(),
  })
  .meta({ id: 'PartnerTechnicalPartnerApplication' });

export const ConfirmPartnerLinkBody = z.object({ code: z.string().min(1).max(100) }).strict();
