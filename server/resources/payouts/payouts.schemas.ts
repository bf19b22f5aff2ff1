import { z } from 'zod';
import { Currency, cursorOf, FreeText, Money, PaginationQuery, Timestamp, Uuid, withCurrency } from '../../http/schemas.ts';

export const BeneficiaryKind = z.enum(['partner', 'developer']).meta({
  description: 'partner: a directory partner (partner-channel commissions); developer: a Technical Partner’s developer account (app revenue share)',
});

export const PayoutStatus = z.enum(['scheduled', 'paid', 'cancelled']).meta({
  description: 'scheduled: created by a run, not marked paid yet; cancelled: cancelled before it was paid, its earnings approved again',
});

const StateSums = {
  pending: Money.meta({ description: 'Earnings still in their hold period' }),
  on_hold: Money.meta({ description: 'Earnings held for review; neither approved nor paid while held' }),
  approved: Money.meta({
    description:
      'Approved and in no payout yet: what the next run pays if it reaches the minimum. Negative after a refund of paid earnings (deducted from the next payout)',
  }),
  in_payout: Money.meta({ description: 'Locked in payouts not marked paid yet' }),
  paid: Money.meta({ description: 'In payouts marked paid' }),
};

export const Balances = z
  .object({
    currency: Currency,
    ...StateSums,
    hold_period_days: z.number().int().meta({ description: 'How long a new earning stays pending (HOLD_PERIOD_DAYS)' }),
    minimum_payout: Money.meta({ description: 'The smallest approved balance a payout run pays' }),
    next_payout: z.object({
      date: z.iso.date().meta({ description: 'The next day payout runs are planned for' }),
      expected_amount: Money.meta({ description: 'Approved now, or approved by the start of that day (before any further refund)' }),
      meets_minimum: z.boolean(),
    }),
  })
  .meta({ id: 'Balances' });

export const Payout = z
  .object({
    id: Uuid,
    run_id: Uuid,
    beneficiary: z.object({ kind: BeneficiaryKind, id: Uuid, name: z.string() }),
    amount: Money,
    line_count: z.number().int().meta({ description: 'Ledger lines locked in the payout (refund lines included)' }),
    status: PayoutStatus,
    created_at: Timestamp,
    paid_at: Timestamp.nullable(),
    reference: z.string().nullable().meta({ description: 'The transfer’s reference, given when it was marked paid' }),
    cancelled_at: Timestamp.nullable().meta({ description: 'When it was cancelled, if it was' }),
  })
  .meta({ id: 'Payout' });

/** One payout as a response of its own (marked paid, cancelled), with its currency. */
export const PayoutResult = withCurrency(Payout, 'PayoutResult');

export const PayoutList = z.object({ currency: Currency, payouts: z.array(Payout), next_cursor: z.string().nullable() }).meta({ id: 'PayoutList' });

export const BeneficiaryPayoutsQuery = PaginationQuery.extend({ status: PayoutStatus.optional() });

export const PayoutListQuery = BeneficiaryPayoutsQuery.extend({ run_id: Uuid.optional() });

export const PayoutRun = z
  .object({
    id: Uuid,
    cutoff: Timestamp.meta({ description: 'Earnings approved by this moment were considered' }),
    minimum: Money,
    created_at: Timestamp,
    payouts: z.number().int(),
    paid: z.number().int().meta({ description: 'Payouts of the run marked paid so far' }),
    cancelled: z.number().int().meta({ description: 'Payouts of the run cancelled (their earnings went back to approved)' }),
    amount: Money.meta({ description: 'The run’s payouts in total, cancelled ones included' }),
  })
  .meta({ id: 'PayoutRun' });

export const PayoutRunResult = PayoutRun.extend({
  currency: Currency,
  replayed: z.boolean().meta({ description: 'True when this answers a replay of an earlier request' }),
}).meta({ id: 'PayoutRunResult' });

export const PayoutRunList = z
  .object({ currency: Currency, payout_runs: z.array(PayoutRun), next_cursor: z.string().nullable() })
  .meta({ id: 'PayoutRunList' });

export const PayoutRunBody = z.object({}).strict();

export const MarkPaidBody = z
  .object({ reference: FreeText(200).optional().meta({ description: 'The transfer’s reference (bank or payment-provider id)' }) })
  .strict();

export const CancelPayoutBody = z
  .object({ reason: FreeText(200).optional().meta({ description: 'Why the payout was cancelled (a failed transfer, wrong bank details…)' }) })
  .strict();

export const PayoutParams = z.object({ id: Uuid });

export const OwedQuery = z.object({
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500).default(100),
  cursor: cursorOf(z.tuple([BeneficiaryKind, z.guid()])),
});

export const OwedList = z
  .object({
    currency: Currency,
    beneficiaries: z.array(z.object({ kind: BeneficiaryKind, id: Uuid, name: z.string(), ...StateSums })),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: 'OwedList' });
