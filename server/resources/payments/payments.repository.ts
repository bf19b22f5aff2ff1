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
  return trx('earnings_ledger').where({ payment_id: paymentId }).orderBy('channel', 'desc');
}
