import { z } from 'zod';
import { Percent, PercentInput, Timestamp, Uuid } from '../../http/schemas.ts';

const EffectiveFrom = z.iso
  .date({ error: 'must be a date such as "2027-01-01"' })
  .meta({ description: 'The first day (UTC) the rate applies to: payments whose paid_at falls on or after it', example: '2027-01-01' });

export const CommissionRateBody = z.object({ commission_percent: PercentInput, effective_from: EffectiveFrom }).strict();

export const RevenueShareRateBody = z.object({ revenue_share_percent: PercentInput, effective_from: EffectiveFrom }).strict();

export const RateHistory = z
  .object({
    account: z.object({
      kind: z.enum(['partner', 'technical_partner']).meta({
        description: 'partner: a directory partner’s commission_percent; technical_partner: a Technical Partner’s revenue_share_percent',
      }),
      id: Uuid,
    }),
    initial_percent: Percent.meta({ description: 'The rate before any change (a Technical Partner without a rate of its own: the 5.00 default)' }),
    percent_in_force: Percent.meta({ description: 'The rate payments dated today earn at' }),
    changes: z.array(
      z.object({
        percent: Percent,
        effective_from: z.iso.date(),
        created_at: Timestamp.meta({ description: 'When the change was made; of two changes dated the same day, the later one counts' }),
      }),
    ),
  })
  .meta({ id: 'RateHistory' });
