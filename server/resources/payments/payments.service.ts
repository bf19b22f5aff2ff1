import type { Knex } from 'knex';
import type { z } from 'zod';
import type { Clock } from '../../clock.ts';
import { transaction } from '../../db/transaction.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Answer } from '../../http/api.ts';
import { invalidInput } from '../../http/validate.ts';
import { toCents } from '../../money.ts';
import { bumpCounters } from '../../summaries/summaries.ts';
import { requireOpenMonth } from '../closed-months/closed-months.ts';
import { businessRegisteredAt } from '../events/events.repository.ts';
import { type FraudTerms, screenEarnings } from '../fraud/fraud.service.ts';
import { applyEarnings, type LedgerEntry } from './earnings.repository.ts';
import { fingerprintOf, requireSameRequest } from './idempotency.ts';
import * as repository from './payments.repository.ts';
import type { PaymentBody, PaymentResult } from './payments.schemas.ts';

/**
 * What recording money needs besides the request: the hold period (HOLD_PERIOD_DAYS), the fraud
 * signals' thresholds (FRAUD_*) and the clock that dates undated events.
 */
export interface LedgerTerms {
  holdDays: number;
  fraud: FraudTerms;
  clock: Clock;
}

/**
 * Records a business payment and applies the money rules in one transaction. The same
 * Idempotency-Key (or payment id) with the same body returns the first result and changes
 * nothing; with a different body it is refused.
 */
export async function recordPayment(
  knex: Knex,
  idempotencyKey: string,
  body: z.output<typeof PaymentBody>,
  terms: LedgerTerms,
): Promise<Answer<typeof PaymentResult>> {
  const paidAt = body.paid_at ? new Date(body.paid_at) : terms.clock.now();
  const fingerprint = fingerprintOf([body.id ?? null, body.business_id, toCents(body.amount), body.paid_at ?? null]);

  return beyondLimitsNamed('amount', () =>
    transaction(knex, async (trx) => {
      const registeredAt = await businessRegisteredAt(trx, body.business_id);
      if (!registeredAt) throw notFound(`Business ${body.business_id}`);
      if (paidAt < registeredAt) throw invalidInput('body', 'paid_at', `may not be before the business was registered (${registeredAt.toISOString()})`);
      await requireOpenMonth(trx, paidAt, 'body.paid_at');
      const payment = await repository.insertPayment(trx, {
        ...(body.id ? { id: body.id } : {}),
        business_id: body.business_id,
        amount: body.amount,
        paid_at: paidAt,
        idempotency_key: idempotencyKey,
        request_fingerprint: fingerprint,
      });
      if (!payment) return replay(trx, idempotencyKey, body.id, fingerprint);

      const ledger = await applyEarnings(trx, [payment.id], terms.holdDays);
      await screenEarnings(trx, ledger, terms.clock.now());
      await bumpCounters(trx, [
        { metric: 'business_payments', at: payment.paid_at, delta: payment.amount },
        ...ledger.map((e) => ({
          metric: e.channel === 'partner' ? ('partner_earnings' as const) : ('app_earnings' as const),
          at: e.earned_at,
          delta: e.amount,
        })),
      ]);
      return present(payment, ledger, false);
    }),
  );
}

/**
 * A numeric overflow while recording money comes from a running total that the amount would
 * take past its column's limit: said so, naming the field, instead of a generic "out of range".
 */
async function beyondLimitsNamed<T>(bodyField: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string }).code !== '22003') throw error;
    throw invalidInput('body', bodyField, 'would take a running total (earnings or revenue) past the largest amount it can hold');
  }
}

async function replay(trx: Knex.Transaction, key: string, id: string | undefined, fingerprint: string) {
  const existing = await repository.findPayment(trx, key, id);
  if (!existing) throw new AppError('conflict', 'The payment conflicts with another one being recorded; retry');
  requireSameRequest(existing, key, fingerprint, 'payment');
  return present(existing, await repository.ledgerOf(trx, existing.id), true);
}

function present(payment: repository.PaymentRow, ledger: LedgerEntry[], replayed: boolean): Answer<typeof PaymentResult> {
  return {
    payment: { id: payment.id, business_id: payment.business_id, amount: payment.amount, paid_at: payment.paid_at.toISOString() },
    earnings: presentEarnings(ledger),
    replayed,
  };
}

export function presentEarnings(ledger: LedgerEntry[]) {
  return ledger.map((e) => ({
    channel: e.channel,
    beneficiary: { partner_id: e.partner_id, technical_partner_id: e.technical_partner_id, developer_id: e.developer_id },
    rate_percent: e.rate_percent,
    amount: e.amount,
    approves_at: e.approves_at.toISOString(),
  }));
}
