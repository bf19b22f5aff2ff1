import { setTimeout as delay } from 'node:timers/promises';
import type { Knex } from 'knex';

/** PostgreSQL's "try again" answers: a serialization failure and a detected deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 5;

/**
 * The unit of work: runs `work` in one transaction and, when PostgreSQL aborts it as a
 * serialization failure or a deadlock victim, runs it again from the start (a bounded number
 * of times, after a short random pause so the racers part). The whole transaction was rolled
 * back, so a retry repeats nothing; `work` must keep its effects inside the transaction.
 */
export async function transaction<T>(knex: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await knex.transaction(work);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      await delay(Math.random() * 10 * attempt);
    }
  }
}

export function isRetryable(error: unknown): boolean {
  return RETRYABLE.has((error as { code?: string }).code ?? '');
}
