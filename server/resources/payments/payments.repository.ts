import type { Knex } from 'knex';
import type { LedgerEntry } from './earnings.repository.ts';

export interface PaymentRow {
  id: string;
  business_id: string;
  amount: string;
  paid_at: Date;
  idempotency_key: string | null;
  request_fingerprint: string | null;
}

/** A new payment, or undefined when its id or idempotency key is already taken. */
export async function insertPayment(trx: Knex.Transaction, payment: Omit<PaymentRow, 'id'> & { id?: string }): Promise<PaymentRow | undefined> {
  const [row] = await trx('business_payments').insert(payment).onConflict().ignore().returning('*');
  return row;
}

/** The payment recorded under this idempotency key, or else under this payment id. */
export function findPayment(trx: Knex.Transaction, idempotencyKey: string, id: string | undefined): Promise<PaymentRow | undefined> {
  return trx('business_payments')
    .where({ idempotency_key: idempotencyKey })
    .modify((q) => (id ? q.orWhere({ id }) : q))
    .first();
}

/** The payment's ledger rows: partner channel first. */
export function ledgerOf(trx: Knex.Transaction, paymentId: string): Promise<LedgerEntry[]> {
  return trx('earnings_ledger').where({ payment_id: paymentId }).whereNull('refund_id').whereNull('void_signal_id').orderBy('channel', 'desc');
}

export interface RefundRow {
  id: string;
  payment_id: string;
  kind: 'refund' | 'chargeback';
  amount: string;
  refunded_at: Date;
  idempotency_key: string | null;
  request_fingerprint: string | null;
}

/**
 * The payment with the sum of its refunds so far, its row held until the transaction ends:
 * refunds of one payment are decided one after the other, so together they never exceed it.
 * The sum is read by a statement of its own, after the lock: the locking statement's snapshot
 * was taken before the wait, so it would miss the refund committed by the holder it waited for.
 */
export async function lockPaymentForRefund(trx: Knex.Transaction, paymentId: string): Promise<(PaymentRow & { refunded: string }) | undefined> {
  const payment: PaymentRow | undefined = await trx('business_payments').where({ id: paymentId }).forUpdate().first();
  if (!payment) return undefined;
  const { rows } = await trx.raw(`SELECT coalesce(sum(amount), 0)::numeric(12,2)::text AS refunded FROM payment_refunds WHERE payment_id = ?`, [paymentId]);
  return { ...payment, refunded: rows[0].refunded };
}

/** A new refund, or undefined when its id or idempotency key is already taken. */
export async function insertRefund(trx: Knex.Transaction, refund: Omit<RefundRow, 'id'> & { id?: string }): Promise<RefundRow | undefined> {
  const [row] = await trx('payment_refunds').insert(refund).onConflict().ignore().returning('*');
  return row;
}

/** The refund recorded under this idempotency key, or else under this refund id. */
export function findRefund(trx: Knex.Transaction, idempotencyKey: string, id: string | undefined): Promise<RefundRow | undefined> {
  return trx('payment_refunds')
    .where({ idempotency_key: idempotencyKey })
    .modify((q) => (id ? q.orWhere({ id }) : q))
    .first();
}

/** The lines a refund wrote: partner channel first. */
export function reversalsOf(trx: Knex.Transaction, refundId: string): Promise<LedgerEntry[]> {
  return trx('earnings_ledger').where({ refund_id: refundId }).orderBy('channel', 'desc');
}
