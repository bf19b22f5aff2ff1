import { z } from 'zod';
import { Currency, Money, MoneyInput, NotInFuture, Percent, Timestamp, Uuid } from '../../http/schemas.ts';

/** The amount's currency, if the platform names it: accepted only when it is the platform currency (CURRENCY). */
const CurrencyInput = z
  .string({ error: 'must be an ISO 4217 code such as "USD"' })
  .optional()
  .meta({ description: 'Optional; when given, must be the platform currency (CURRENCY), else 400', example: 'USD' });

export const PaymentBody = z
  .object({
    id: Uuid.optional().meta({ description: 'The platform’s payment id; replaying it changes nothing' }),
    business_id: Uuid,
    amount: MoneyInput,
    paid_at: NotInFuture.optional().meta({ description: 'Defaults to now; may not be in the future' }),
    currency: CurrencyInput,
  })
  .strict();

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string({ error: 'is required: send a unique Idempotency-Key header per payment, refund or payout run' })
    .min(8, 'must be 8 to 200 characters')
    .max(200, 'must be 8 to 200 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
});

export const LedgerEntry = z
  .object({
    channel: z.enum(['partner', 'app']),
    beneficiary: z.object({
      partner_id: Uuid.nullable(),
      technical_partner_id: Uuid.nullable(),
      developer_id: Uuid.nullable(),
    }),
    rate_percent: Percent,
    amount: Money,
    approves_at: Timestamp.meta({ description: 'When its hold period ends: pending until then, then approved (a reversal shares its earning’s)' }),
  })
  .meta({ id: 'LedgerEntry' });

export const PaymentResult = z
  .object({
    currency: Currency,
    payment: z.object({ id: Uuid, business_id: Uuid, amount: Money, paid_at: Timestamp }),
    earnings: z.array(LedgerEntry),
    replayed: z.boolean().meta({ description: 'True when this answers a replay of an earlier request' }),
  })
  .meta({ id: 'PaymentResult' });

export const RefundKind = z.enum(['refund', 'chargeback']).meta({ description: 'A refund the platform gave, or a chargeback the card network forced' });

export const RefundBody = z
  .object({
    id: Uuid.optional().meta({ description: 'The platform’s refund id; replaying it changes nothing' }),
    payment_id: Uuid,
    amount: MoneyInput.optional().meta({ description: 'Defaults to what is left to refund of the payment (a full refund)' }),
    kind: RefundKind.default('refund'),
    refunded_at: NotInFuture.optional().meta({ description: 'Defaults to now; may be neither in the future nor before the payment' }),
    currency: CurrencyInput,
  })
  .strict();

export const RefundResult = z
  .object({
    currency: Currency,
    refund: z.object({ id: Uuid, payment_id: Uuid, kind: RefundKind, amount: Money, refunded_at: Timestamp }),
    payment: z.object({
      id: Uuid,
      amount: Money,
      refunded: Money.meta({ description: 'Refunded so far, this refund included' }),
      refundable: Money.meta({ description: 'What may still be refunded' }),
    }),
    reversals: z.array(LedgerEntry).meta({ description: 'The negative earnings lines this refund wrote, one per channel the payment earned on' }),
    replayed: z.boolean().meta({ description: 'True when this answers a replay of an earlier request' }),
  })
  .meta({ id: 'RefundResult' });
