import { z } from 'zod';
import { Currency, Money, Timestamp, Uuid } from '../../http/schemas.ts';
import { BeneficiaryKind } from '../payouts/payouts.schemas.ts';

export const StatementMonth = z
  .string({ error: 'must be a month as YYYY-MM' })
  .regex(/^(?!0000)\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM, such as 2026-11')
  .meta({ description: 'A calendar month in UTC, YYYY-MM; the current month (to date) or an earlier one', example: '2026-11' });

export const StatementParams = z.object({ month: StatementMonth });
export const AccountStatementParams = z.object({ id: Uuid, month: StatementMonth });

export const FormatQuery = z.object({
  format: z
    .enum(['json', 'csv'])
    .optional()
    .meta({ description: 'json or csv; without it the Accept header decides (text/csv for CSV), and JSON is the default' }),
});

const EarningStateEnum = z.enum(['pending', 'on_hold', 'approved', 'in_payout', 'paid']);

export const StatementLine = z.object({
  date: Timestamp.meta({ description: 'When the payment was made, the refund given, or the payout marked paid' }),
  kind: z.enum(['earning', 'refund_reversal', 'chargeback', 'fraud_void', 'payout']).meta({
    description:
      'earning: commission or revenue share on a payment; refund_reversal and chargeback: the negative line that reverses (part of) one; ' +
      'fraud_void: the negative line that voids a held earning after a fraud review; payout: money sent (negative)',
  }),
  payment_id: Uuid.nullable(),
  refund_id: Uuid.nullable().meta({ description: 'The refund or chargeback a reversal line belongs to' }),
  payout_id: Uuid.nullable(),
  reference: z.string().nullable().meta({ description: 'A payout’s transfer reference' }),
  business: z.object({ id: Uuid, name: z.string() }).nullable(),
  app: z.object({ id: Uuid, name: z.string() }).nullable().meta({ description: 'The app the business is attributed to (app-channel lines)' }),
  channel: z.enum(['partner', 'app']).meta({ description: 'partner: directory commission; app: Technical Partner revenue share' }),
  state: EarningStateEnum.meta({ description: 'The line’s state when the statement was made (generated_at); payouts are paid' }),
  amount: Money,
});

export const Statement = z
  .object({
    currency: Currency,
    account: z.object({ kind: BeneficiaryKind, id: Uuid, name: z.string() }),
    month: StatementMonth,
    period: z.object({ from: Timestamp, to: Timestamp.meta({ description: 'Exclusive: the first instant of the next month' }) }),
    generated_at: Timestamp.meta({ description: 'The states of the lines are as of this moment' }),
    opening_balance: Money.meta({ description: 'Owed at the start of the month: every earlier ledger line, less every earlier payout marked paid' }),
    lines: z.array(StatementLine),
    totals: z.object({
      earnings: Money,
      refunds: Money.meta({ description: 'Refund reversal lines (negative)' }),
      chargebacks: Money.meta({ description: 'Chargeback reversal lines (negative)' }),
      fraud_voids: Money.meta({ description: 'Lines voiding held earnings after a fraud review (negative)' }),
      payouts: Money.meta({ description: 'Payouts marked paid in the month (negative)' }),
      by_state: z
        .object({ pending: Money, on_hold: Money, approved: Money, in_payout: Money, paid: Money })
        .meta({ description: 'The month’s ledger lines (payouts aside) by their state at generated_at' }),
    }),
    closing_balance: Money.meta({ description: 'Owed at the end of the month: the opening balance plus every line of the month' }),
  })
  .meta({ id: 'Statement' });

export const LedgerExportQuery = z
  .object({
    from: z.iso.date({ error: 'must be a date as YYYY-MM-DD' }).optional().meta({ description: 'First day (UTC) of lines to export' }),
    to: z.iso.date({ error: 'must be a date as YYYY-MM-DD' }).optional().meta({ description: 'Last day (UTC, inclusive) of lines to export' }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be before from', path: ['to'] });
