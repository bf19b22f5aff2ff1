import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { z } from 'zod';
import { AppError, notFound } from '../../errors.ts';
import { toCents } from '../../money.ts';
import { bumpCounters } from '../../summaries/summaries.ts';
import { applyEarnings, type LedgerEntry } from './earnings.repository.ts';
import type { PaymentBody, PaymentResult } from './payments.schemas.ts';
import { transaction } from '../../db/transaction.ts';

interface PaymentRow {
  id: string;
  business_id: string;
  amount: string;
  paid_at: Date;
  idempotency_key: string | null;
  request_fingerprint: string | null;
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
): Promise<z.input<typeof PaymentResult>> {
  const paidAt = body.paid_at ? new Date(body.paid_at) : new Date();
  if (paidAt.getTime() > Date.now() + 5 * 60_000) {
    throw new AppError('validation_failed', 'Invalid request: body.paid_at: may not be in the future', [
      { location: 'body', field: 'paid_at', message: 'may not be in the future' },
    ]);
  }
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([body.id ?? null, body.business_id, toCents(body.amount), body.paid_at ?? null]))
    .digest('hex');

  return transaction(knex, async (trx) => {
    const business = await trx('businesses').where({ id: body.business_id }).first('id');
    if (!business) throw notFound(`Business ${body.business_id}`);
    const inserted: PaymentRow[] = await trx('business_payments')
      .insert({
        ...(body.id ? { id: body.id } : {}),
        business_id: body.business_id,
        amount: body.amount,
        paid_at: paidAt,
        idempotency_key: idempotencyKey,
        request_fingerprint: fingerprint,
      })
      .onConflict()
      .ignore()
      .returning('*');
    if (inserted.length === 0) return replay(trx, idempotencyKey, body.id, fingerprint);

    const payment = inserted[0]!;
    const ledger = await applyEarnings(trx, [payment.id]);
    await bumpCounters(trx, [
      { metric: 'business_payments', at: payment.paid_at, delta: payment.amount },
      ...ledger.map((e) => ({ metric: e.channel === 'partner' ? ('partner_earnings' as const) : ('app_earnings' as const), at: e.earned_at, delta: e.amount })),
    ]);
    return present(payment, ledger, false);
  });
}

async function replay(trx: Knex.Transaction, key: string, id: string | undefined, fingerprint: string) {
  const existing: PaymentRow | undefined = await trx('business_payments')
    .where({ idempotency_key: key })
    .modify((q) => (id ? q.orWhere({ id }) : q))
    .first();
  if (!existing) throw new AppError('conflict', 'The payment conflicts with another one being recorded; retry');
  if (existing.request_fingerprint !== fingerprint || (existing.idempotency_key !== key && existing.idempotency_key !== null)) {
    throw new AppError('idempotency_key_reused', 'This Idempotency-Key or payment id was already used for a different payment', {
      payment_id: existing.id,
    });
  }
  const ledger: LedgerEntry[] = await trx('earnings_ledger').where({ payment_id: existing.id }).orderBy('channel', 'desc');
  return present(existing, ledger, true);
}

function present(payment: PaymentRow, ledger: LedgerEntry[], replayed: boolean): z.input<typeof PaymentResult> {
  return {
    payment: { id: payment.id, business_id: payment.business_id, amount: payment.amount, paid_at: payment.paid_at.toISOString() },
    earnings: ledger.map((e) => ({
      channel: e.channel,
      beneficiary: { partner_id: e.partner_id, technical_partner_id: e.technical_partner_id, developer_id: e.developer_id },
      rate_percent: e.rate_percent,
      amount: e.amount,
    })),
    replayed,
  };
}
