import type { Response } from 'express';
import type { Knex } from 'knex';
import type { z } from 'zod';
import { notFound } from '../../errors.ts';
import type { Answer } from '../../http/api.ts';
import { csvRow, startCsv, writeChunk } from '../../http/csv.ts';
import { invalidInput } from '../../http/validate.ts';
import type { Beneficiary } from '../payouts/payouts.repository.ts';
import type { PayoutTerms } from '../payouts/payouts.service.ts';
import * as repository from './statements.repository.ts';
import type * as schemas from './statements.schemas.ts';

/** The first instant of a YYYY-MM month and of the next, in UTC. */
function monthRange(month: string): { from: Date; to: Date } {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const from = new Date(0);
  from.setUTCFullYear(year, number - 1, 1);
  const to = new Date(from);
  to.setUTCMonth(number);
  return { from, to };
}

/**
 * An account's statement of one month: the balance owed at its start, each ledger line and each
 * payout of the month, totals by kind and by state, and the balance at its end. A month after
 * the current one is refused (its statement would be empty and misleading).
 */
export async function statement(knex: Knex, terms: PayoutTerms, account: Beneficiary, month: string): Promise<Answer<typeof schemas.Statement>> {
  const now = terms.clock.now();
  const { from, to } = monthRange(month);
  if (from > now) throw invalidInput('params', 'month', `may not be in the future (this month is ${now.toISOString().slice(0, 7)})`);
  const name = await repository.accountName(knex, account);
  if (name === undefined) throw notFound(`${account.kind === 'partner' ? 'Partner' : 'Developer'} ${account.id}`);
  const [opening, lines, totals, closing] = await Promise.all([
    repository.balanceAt(knex, account, from),
    repository.statementLines(knex, account, from, to, now),
    repository.statementTotals(knex, account, from, to, now),
    repository.balanceAt(knex, account, to),
  ]);
  const channel = account.kind === 'partner' ? 'partner' : 'app';
  return {
    account: { ...account, name },
    month,
    period: { from: from.toISOString(), to: to.toISOString() },
    generated_at: now.toISOString(),
    opening_balance: opening,
    lines: lines.map((line) => ({
      date: line.date.toISOString(),
      kind: line.kind,
      payment_id: line.payment_id,
      refund_id: line.refund_id,
      payout_id: line.payout_id,
      reference: line.reference,
      business: line.business_id ? { id: line.business_id, name: line.business_name! } : null,
      app: line.app_id ? { id: line.app_id, name: line.app_name! } : null,
      channel,
      state: line.state,
      amount: line.amount,
    })),
    totals: {
      earnings: totals.earnings,
      refunds: totals.refunds,
      chargebacks: totals.chargebacks,
      fraud_voids: totals.fraud_voids,
      payouts: totals.payouts,
      by_state: { pending: totals.pending, on_hold: totals.on_hold, approved: totals.approved, in_payout: totals.in_payout, paid: totals.paid },
    },
    closing_balance: closing,
  };
}

const STATEMENT_COLUMNS = [
  'date',
  'kind',
  'payment_id',
  'refund_id',
  'payout_id',
  'reference',
  'business_id',
  'business',
  'app_id',
  'app',
  'channel',
  'state',
  'amount',
  'currency',
] as const;

/**
 * A statement as one CSV table: a header row, an opening_balance row, the lines, a total row per
 * kind (total_earnings, total_refunds, total_chargebacks, total_fraud_voids, total_payouts) and per state (kind
 * total, the state in its column), and a closing_balance row. Every row states the currency.
 */
export function statementCsv(s: z.input<typeof schemas.Statement>): string {
  // a summary row: its date, kind, state (per-state totals) and amount; the line columns empty
  const summary = (date: string, kind: string, amount: string, state: string | null = null) =>
    csvRow([date, kind, ...Array<null>(9).fill(null), state, amount, s.currency]);
  const lines = s.lines.map((l) =>
    csvRow([
      l.date,
      l.kind,
      l.payment_id,
      l.refund_id,
      l.payout_id,
      l.reference,
      l.business?.id,
      l.business?.name,
      l.app?.id,
      l.app?.name,
      l.channel,
      l.state,
      l.amount,
      s.currency,
    ]),
  );
  return [
    csvRow(STATEMENT_COLUMNS),
    summary(s.period.from, 'opening_balance', s.opening_balance),
    ...lines,
    summary(s.period.to, 'total_earnings', s.totals.earnings),
    summary(s.period.to, 'total_refunds', s.totals.refunds),
    summary(s.period.to, 'total_chargebacks', s.totals.chargebacks),
    summary(s.period.to, 'total_fraud_voids', s.totals.fraud_voids),
    summary(s.period.to, 'total_payouts', s.totals.payouts),
    ...Object.entries(s.totals.by_state).map(([state, amount]) => summary(s.period.to, 'total', amount, state)),
    summary(s.period.to, 'closing_balance', s.closing_balance),
  ].join('');
}

const LEDGER_COLUMNS = [
  'id',
  'date',
  'channel',
  'kind',
  'state',
  'payment_id',
  'refund_id',
  'business_id',
  'partner_id',
  'developer_id',
  'technical_partner_id',
  'app_id',
  'payment_amount',
  'rate_percent',
  'amount',
  'currency',
  'approves_at',
] as const;

/** Lines read per query of the export: what the server holds at once, whatever the ledger's size. */
export const LEDGER_BATCH = 2_000;

/**
 * Streams the ledger (or the days from..to) as CSV in (date, id) order: batches of LEDGER_BATCH
 * lines by keyset pagination, each written only once the socket has taken the one before
 * (backpressure), so memory stays flat at any size. Lines written after the export started are
 * left out; states are as of the start. A client that leaves stops the export.
 */
export async function exportLedger(
  knex: Knex,
  terms: PayoutTerms,
  currency: string,
  query: z.output<typeof schemas.LedgerExportQuery>,
  res: Response,
): Promise<void> {
  const range = {
    from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
    to: query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000) : undefined,
    writtenBy: await repository.databaseNow(knex),
    now: terms.clock.now(),
  };
  startCsv(res, `ledger${query.from ? `-from-${query.from}` : ''}${query.to ? `-to-${query.to}` : ''}.csv`);
  let after: [string, string] | undefined;
  let open = await writeChunk(res, csvRow(LEDGER_COLUMNS));
  // a failed batch after the status and part of the file were sent goes to Express, which cuts
  // the response short: the client sees a broken download, never a complete-looking file
  while (open) {
    const rows = await repository.ledgerBatch(knex, range, after, LEDGER_BATCH);
    if (rows.length === 0) break;
    const chunk = rows
      .map((r) =>
        csvRow([
          r.id,
          r.at,
          r.channel,
          r.kind,
          r.state,
          r.payment_id,
          r.refund_id,
          r.business_id,
          r.partner_id,
          r.developer_id,
          r.technical_partner_id,
          r.app_id,
          r.payment_amount,
          r.rate_percent,
          r.amount,
          currency,
          r.approves_at,
        ]),
      )
      .join('');
    const last = rows.at(-1)!;
    after = [last.cursor_at, last.id];
    open = await writeChunk(res, chunk);
    if (rows.length < LEDGER_BATCH) break;
  }
  res.end();
}
