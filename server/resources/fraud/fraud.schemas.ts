import { z } from 'zod';
import { Currency, CursorInstant, cursorOf, Money, Timestamp, Uuid } from '../../http/schemas.ts';
import { BeneficiaryKind } from '../payouts/payouts.schemas.ts';

export const SignalState = z.enum(['open', 'released', 'voided']).meta({
  description: 'open: holding the beneficiary’s new earnings; released: what it held is pending or approved again; voided: what it held was reversed',
});

export const SignalKind = z.enum(['self_referral', 'refund_share', 'conversion_burst']).meta({
  description:
    'self_referral: a referred business whose owner email or domain is the partner’s own; refund_share: refunds above FRAUD_REFUND_SHARE of the ' +
    'partner’s referred revenue over FRAUD_REFUND_WINDOW_DAYS; conversion_burst: a day’s conversions above FRAUD_BURST_FACTOR × the trailing daily median',
});

export const Resolution = z.enum(['release', 'void', 'suspend']);

export const FraudSignal = z
  .object({
    id: Uuid,
    beneficiary: z.object({
      kind: BeneficiaryKind,
      id: Uuid,
      name: z.string(),
      status: z.string().nullable().meta({ description: 'The directory partner’s status (active, paused, suspended, terminated)' }),
    }),
    kind: SignalKind,
    evidence: z.record(z.string(), z.unknown()).meta({ description: 'What the signal saw, by kind (amounts as decimal strings; never a private email)' }),
    opened_at: Timestamp,
    state: SignalState,
    resolution: Resolution.nullable(),
    resolved_by: z.string().nullable().meta({ description: '"admin" for the admin token, "embed-session:<id>" for the admin hub' }),
    resolved_at: Timestamp.nullable(),
    held: z.object({
      lines: z.number().int().meta({ description: 'Earnings the signal held' }),
      amount: Money.meta({ description: 'What those earnings come to now, after refunds and voids' }),
    }),
  })
  .meta({ id: 'FraudSignal' });

export const SignalListQuery = z.object({
  state: SignalState.optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(200).default(50),
  cursor: cursorOf(z.tuple([CursorInstant, z.guid()])),
});

export const SignalList = z
  .object({ currency: Currency, fraud_signals: z.array(FraudSignal), next_cursor: z.string().nullable() })
  .meta({ id: 'FraudSignalList' });

export const SignalDecision = z
  .object({
    currency: Currency,
    fraud_signal: FraudSignal,
    voided: z
      .array(z.object({ payment_id: Uuid, amount: Money }))
      .meta({ description: 'The negative lines the void wrote, one per held earning not already at zero' }),
    replayed: z.boolean().meta({ description: 'True when the signal had already been resolved the same way' }),
  })
  .meta({ id: 'FraudSignalDecision' });

export const SignalParams = z.object({ id: Uuid });
