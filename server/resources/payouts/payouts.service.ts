import type { Knex } from 'knex';
import type { z } from 'zod';
import { transaction } from '../../db/transaction.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Answer } from '../../http/api.ts';
import { encodeCursor, type PaginationQuery } from '../../http/schemas.ts';
import { compareCents } from '../../money.ts';
import type { LedgerTerms } from '../payments/payments.service.ts';
import * as repository from './payouts.repository.ts';
import type * as schemas from './payouts.schemas.ts';

/** The program's payout terms (HOLD_PERIOD_DAYS, PAYOUT_MINIMUM, PAYOUT_DAY_OF_MONTH) and the clock they run on. */
export interface PayoutTerms extends LedgerTerms {
  minimum: string;
  payoutDay: number;
}

const DAY_MS = 86_400_000;

/**
 * The next day payout runs are planned for: this month's payout day if it is still ahead, or is
 * today and today's run has not been made; otherwise next month's.
 */
export function nextPayoutDate(now: Date, payoutDay: number, latestRunAt: Date | undefined): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const thisMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), payoutDay);
  const ranToday = latestRunAt !== undefined && latestRunAt.getTime() >= today && latestRunAt.getTime() < today + DAY_MS;
  if (thisMonth > today || (thisMonth === today && !ranToday)) return new Date(thisMonth);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, payoutDay));
}

/** A partner's or developer's balances by state, and its next payout. */
export async function balances(knex: Knex, terms: PayoutTerms, beneficiary: repository.Beneficiary): Promise<Answer<typeof schemas.Balances>> {
  const now = terms.clock.now();
  const payoutDate = nextPayoutDate(now, terms.payoutDay, await repository.latestRunAt(knex));
  const { approved_by_payout, ...sums } = await repository.balanceOf(knex, beneficiary, now, payoutDate);
  return {
    ...sums,
    hold_period_days: terms.holdDays,
    minimum_payout: terms.minimum,
    next_payout: {
      date: payoutDate.toISOString().slice(0, 10),
      expected_amount: approved_by_payout,
      meets_minimum: compareCents(approved_by_payout, terms.minimum) >= 0,
    },
  };
}

/**
 * A payout run: every beneficiary whose approved balance not yet in a payout is at least the
 * minimum gets a payout of exactly that balance, its lines locked into it. Runs hold one advisory
 * lock, so they are decided one at a time; the Idempotency-Key is checked under it, so a replay
 * (or a racer with the same key) answers the first run and pays nothing more.
 */
export async function createRun(knex: Knex, terms: PayoutTerms, idempotencyKey: string): Promise<Answer<typeof schemas.PayoutRunResult>> {
  const { run, replayed } = await transaction(knex, async (trx) => {
    await repository.lockPayoutRuns(trx);
    const existing = await repository.findRun(trx, { idempotency_key: idempotencyKey });
    if (existing) return { run: existing, replayed: true };
    const now = terms.clock.now();
    const created = await repository.insertRun(trx, { idempotency_key: idempotencyKey, cutoff: now, minimum: terms.minimum, created_at: now });
    await repository.payApproved(trx, created);
    return { run: created, replayed: false };
  });
  const [summary] = await repository.listRuns(knex, 1, undefined, run.id);
  return { ...presentRun(summary!), replayed };
}

export async function listRuns(knex: Knex, query: z.output<typeof PaginationQuery>): Promise<Answer<typeof schemas.PayoutRunList>> {
  const rows = await repository.listRuns(knex, query.limit + 1, query.cursor);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    payout_runs: page.map(presentRun),
    next_cursor: rows.length > query.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
  };
}

export async function listPayouts(
  knex: Knex,
  query: z.output<typeof schemas.PayoutListQuery>,
  beneficiary?: repository.Beneficiary,
): Promise<Answer<typeof schemas.PayoutList>> {
  const rows = await repository.listPayouts(knex, {
    status: query.status,
    runId: query.run_id,
    beneficiary,
    limit: query.limit + 1,
    after: query.cursor,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    payouts: page.map(presentPayout),
    next_cursor: rows.length > query.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
  };
}

/** Marks a scheduled payout paid (a transfer row; the payout itself is never edited). Once only. */
export async function markPaid(knex: Knex, terms: PayoutTerms, id: string, reference: string | undefined): Promise<Answer<typeof schemas.Payout>> {
  await transaction(knex, async (trx) => {
    if (!(await repository.lockPayout(trx, id))) throw notFound(`Payout ${id}`);
    const payout = (await repository.findPayout(trx, id))!;
    refuseIfPaid(payout);
    if (payout.status === 'cancelled') {
      throw new AppError('invalid_transition', `Payout ${id} was cancelled at ${payout.cancelled_at!.toISOString()}; its earnings go to the next run`, {
        cancelled_at: payout.cancelled_at!.toISOString(),
      });
    }
    await repository.insertTransfer(trx, { payout_id: id, reference: reference ?? null, paid_at: terms.clock.now() });
  });
  return presentPayout((await repository.findPayout(knex, id))!);
}

/**
 * Cancels a payout not marked paid (a transfer that failed or should not be made): its lines are
 * approved again and the next run pays them. Cancelling a cancelled payout answers it unchanged;
 * a paid one is refused. Under the payout's row lock, like mark-paid: of the two, the first wins.
 */
export async function cancel(knex: Knex, terms: PayoutTerms, id: string, reason: string | undefined): Promise<z.input<typeof schemas.Payout>> {
  await transaction(knex, async (trx) => {
    if (!(await repository.lockPayout(trx, id))) throw notFound(`Payout ${id}`);
    const payout = (await repository.findPayout(trx, id))!;
    refuseIfPaid(payout);
    if (payout.status === 'scheduled') await repository.insertCancellation(trx, { payout_id: id, reason: reason ?? null, cancelled_at: terms.clock.now() });
  });
  return presentPayout((await repository.findPayout(knex, id))!);
}

function refuseIfPaid(payout: repository.PayoutRow): void {
  if (payout.status !== 'paid') return;
  throw new AppError('invalid_transition', `Payout ${payout.id} was already marked paid at ${payout.paid_at!.toISOString()}`, {
    paid_at: payout.paid_at!.toISOString(),
  });
}

/** Every beneficiary with something not yet paid, and how much in each state. */
export async function owed(knex: Knex, terms: PayoutTerms, query: z.output<typeof schemas.OwedQuery>): Promise<Answer<typeof schemas.OwedList>> {
  const rows = await repository.owed(knex, terms.clock.now(), query.limit + 1, query.cursor);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    beneficiaries: page.map(({ beneficiary_kind, beneficiary_id, name, ...sums }) => ({ kind: beneficiary_kind, id: beneficiary_id, name, ...sums })),
    next_cursor: rows.length > query.limit && last ? encodeCursor([last.beneficiary_kind, last.beneficiary_id]) : null,
  };
}

function presentRun(row: repository.RunSummaryRow): Answer<typeof schemas.PayoutRun> {
  return {
    id: row.id,
    cutoff: row.cutoff.toISOString(),
    minimum: row.minimum,
    created_at: row.created_at.toISOString(),
    payouts: row.payouts,
    paid: row.paid,
    cancelled: row.cancelled,
    amount: row.amount,
  };
}

function presentPayout(row: repository.PayoutRow): Answer<typeof schemas.Payout> {
  return {
    id: row.id,
    run_id: row.run_id,
    beneficiary: { kind: row.beneficiary_kind, id: (row.partner_id ?? row.developer_id)!, name: row.name },
    amount: row.amount,
    line_count: row.line_count,
    status: row.status,
    created_at: row.created_at.toISOString(),
    paid_at: row.paid_at?.toISOString() ?? null,
    reference: row.reference,
    cancelled_at: row.cancelled_at?.toISOString() ?? null,
  };
}
