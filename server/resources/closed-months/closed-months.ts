import type { Knex } from 'knex';
import { transaction } from '../../db/transaction.ts';
import { AppError, conflict } from '../../errors.ts';
import { invalidInput } from '../../http/validate.ts';

/** Advisory-lock namespace of closed months: writers dated in a month share it, closing takes it alone. */
const CLOSED_MONTHS_LOCK = 7_420_002;

const monthKey = (at: Date) => at.getUTCFullYear() * 100 + at.getUTCMonth() + 1;
const monthText = (at: Date) => `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;

/**
 * Refuses a write dated in a closed month (409 naming the field and the month). The check holds
 * the month's lock shared until the transaction ends, so the month cannot be closed between the
 * check and the commit: a write either lands before the close or is refused.
 */
export async function requireOpenMonth(trx: Knex.Transaction, at: Date, field: string): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock_shared(?, ?)', [CLOSED_MONTHS_LOCK, monthKey(at)]);
  const closed = await trx('closed_months')
    .where({ month: `${monthText(at)}-01` })
    .first('month');
  if (closed) throw conflict(`${field}: ${monthText(at)} is a closed month; date the entry in an open month`, { month: monthText(at) });
}

export interface ClosedMonth {
  month: string;
  closed_at: string;
}

/** Closes a month that has ended; once its writers in flight have committed. */
export async function closeMonth(knex: Knex, month: string, now = new Date()): Promise<ClosedMonth> {
  const start = new Date(`${month}-01T00:00:00Z`);
  if (monthKey(start) >= monthKey(now)) throw invalidInput('body', 'month', 'must be a month that has ended');
  return transaction(knex, async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', [CLOSED_MONTHS_LOCK, monthKey(start)]);
    const [row] = await trx('closed_months')
      .insert({ month: `${month}-01` })
      .onConflict('month')
      .ignore()
      .returning('closed_at');
    if (!row) throw new AppError('conflict', `${month} is already closed`);
    return { month, closed_at: (row.closed_at as Date).toISOString() };
  });
}

export async function listClosedMonths(knex: Knex): Promise<{ months: ClosedMonth[] }> {
  const rows: { month: string; closed_at: Date }[] = await knex('closed_months').orderBy('month', 'desc').select('month', 'closed_at');
  return { months: rows.map((r) => ({ month: r.month.slice(0, 7), closed_at: r.closed_at.toISOString() })) };
}
