import type { Knex } from 'knex';
import type { z } from 'zod';
import { transaction } from '../../db/transaction.ts';
import { AppError, conflict, notFound } from '../../errors.ts';
import type { Answer } from '../../http/api.ts';
import { invalidInput } from '../../http/validate.ts';
import { addCents, compareCents, subtractCents, toCents } from '../../money.ts';
import { bumpCounters } from '../../summaries/summaries.ts';
import { requireOpenMonth } from '../closed-months/closed-months.ts';
import { screenRefund } from '../fraud/fraud.service.ts';
import { type LedgerEntry, reverseEarnings } from './earnings.repository.ts';
import { fingerprintOf, requireSameRequest } from './idempotency.ts';
import * as repository from './payments.repository.ts';
import type { RefundBody, RefundResult } from './payments.schemas.ts';
import { type LedgerTerms, presentEarnings } from './payments.service.ts';

/**
 * Records a refund or chargeback of a payment and reverses its earnings in one transaction
 * (earnings.repository.ts `reverseEarnings`): the payment's revenue and the beneficiaries' totals
 * fall by the refunded share. Idempotent like payments: the same Idempotency-Key (or refund id)
 * and body answer the first result; a different body is refused.
 */
export async function recordRefund(
  knex: Knex,
  idempotencyKey: string,
  body: z.output<typeof RefundBody>,
  terms: LedgerTerms,
): Promise<Answer<typeof RefundResult>> {
  const refundedAt = body.refunded_at ? new Date(body.refunded_at) : terms.clock.now();
  const fingerprint = fingerprintOf([body.id ?? null, body.payment_id, body.amount ? toCents(body.amount) : null, body.kind, body.refunded_at ?? null]);

  return transaction(knex, async (trx) => {
    // the payment first: a racer with the same key has committed by the time its lock is ours
    const payment = await repository.lockPaymentForRefund(trx, body.payment_id);
    const replayed = await repository.findRefund(trx, idempotencyKey, body.id);
    if (replayed) return replay(trx, replayed, idempotencyKey, fingerprint);
    if (!payment) throw notFound(`Payment ${body.payment_id}`);
    if (refundedAt < payment.paid_at) throw invalidInput('body', 'refunded_at', `may not be before the payment (${payment.paid_at.toISOString()})`);
    await requireOpenMonth(trx, refundedAt, 'body.refunded_at');
    const refundable = subtractCents(payment.amount, payment.refunded);
    const amount = body.amount ? toCents(body.amount) : refundable;
    if (compareCents(refundable, '0') <= 0) throw conflict(`Payment ${payment.id} is already refunded in full`, { refunded: payment.refunded });
    if (compareCents(amount, refundable) > 0) {
      throw conflict(`body.amount: ${amount} is more than the ${refundable} left to refund of payment ${payment.id}`, { refundable });
    }

    const refund = await repository.insertRefund(trx, {
      ...(body.id ? { id: body.id } : {}),
      payment_id: payment.id,
      kind: body.kind,
      amount,
      refunded_at: refundedAt,
      idempotency_key: idempotencyKey,
      request_fingerprint: fingerprint,
    });
    // the id was taken by a refund of another payment, still being recorded
    if (!refund) throw new AppError('conflict', 'A refund with this Idempotency-Key or id is being recorded; retry to get its result');
    const reversals = await reverseEarnings(trx, refund.id);
    await screenRefund(trx, payment.id, refundedAt, terms.fraud);
    await bumpCounters(trx, [
      { metric: 'business_payments', at: refundedAt, delta: `-${amount}` },
      ...reversals.map((e) => ({
        metric: e.channel === 'partner' ? ('partner_earnings' as const) : ('app_earnings' as const),
        at: e.earned_at,
        delta: e.amount,
      })),
    ]);
    return present(refund, payment, addCents(payment.refunded, amount), reversals, false);
  });
}

async function replay(trx: Knex.Transaction, existing: repository.RefundRow, key: string, fingerprint: string) {
  requireSameRequest(existing, key, fingerprint, 'refund');
  const payment = await repository.lockPaymentForRefund(trx, existing.payment_id);
  return present(existing, payment!, payment!.refunded, await repository.reversalsOf(trx, existing.id), true);
}

function present(
  refund: repository.RefundRow,
  payment: repository.PaymentRow,
  refunded: string,
  reversals: LedgerEntry[],
  replayed: boolean,
): Answer<typeof RefundResult> {
  return {
    refund: { id: refund.id, payment_id: refund.payment_id, kind: refund.kind, amount: refund.amount, refunded_at: refund.refunded_at.toISOString() },
    payment: { id: payment.id, amount: payment.amount, refunded, refundable: subtractCents(payment.amount, refunded) },
    reversals: presentEarnings(reversals),
    replayed,
  };
}
