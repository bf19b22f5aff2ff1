import type { Knex } from 'knex';
import { type Beneficiary, beneficiaryFilter, type EarningState, lineStates } from '../payouts/payouts.repository.ts';

export type LineKind = 'earning' | 'refund_reversal' | 'chargeback' | 'fraud_void' | 'payout';

/** One line of a statement, money as SQL wrote it. */
export interface StatementLineRow {
  date: Date;
  kind: LineKind;
  ledger_id: string | null;
  payment_id: string | null;
  refund_id: string | null;
  payout_id: string | null;
  reference: string | null;
  business_id: string | null;
  business_name: string | null;
  app_id: string | null;
  app_name: string | null;
  state: EarningState;
  amount: string;
}

/** The line's kind: an earning, the refund or chargeback that reverses (part of) one, or a fraud signal's void of one. */
const KIND = `CASE WHEN l.void_signal_id IS NOT NULL THEN 'fraud_void' WHEN l.refund_id IS NULL THEN 'earning'
                   WHEN r.kind = 'chargeback' THEN 'chargeback' ELSE 'refund_reversal' END`;

/** The account's name, or undefined when there is no such partner or developer. */
export async function accountName(knex: Knex, account: Beneficiary): Promise<string | undefined> {
  const row =
    account.kind === 'partner'
      ? await knex('directory_partners').where({ id: account.id }).first('directory_name as name')
      : await knex('developer_accounts').where({ id: account.id }).first('name');
  return row?.name;
}

const payoutsOf = (kind: Beneficiary['kind']) => (kind === 'partner' ? 'p.partner_id = ?' : 'p.developer_id = ?');

/**
 * What the platform owed the account at `at`: its ledger lines dated before then, less its
 * payouts marked paid before then.
 */
export async function balanceAt(knex: Knex, account: Beneficiary, at: Date): Promise<string> {
  const { rows } = await knex.raw(
    `SELECT ((SELECT coalesce(sum(l.amount), 0) FROM earnings_ledger l ${beneficiaryFilter(account.kind)} AND l.earned_at < ?::timestamptz)
           - (SELECT coalesce(sum(p.amount), 0) FROM payouts p JOIN payout_transfers t ON t.payout_id = p.id
              WHERE ${payoutsOf(account.kind)} AND t.paid_at < ?::timestamptz))::numeric(14,2)::text AS balance`,
    [account.id, at, account.id, at],
  );
  return rows[0].balance;
}

/**
 * The account's lines of [from, to): every ledger line dated then (its state at `now`), and every
 * payout marked paid then (as a negative line), in date order.
 */
export async function statementLines(knex: Knex, account: Beneficiary, from: Date, to: Date, now: Date): Promise<StatementLineRow[]> {
  const { rows } = await knex.raw(
    `SELECT * FROM (
       SELECT l.earned_at AS date, ${KIND} AS kind, l.id AS ledger_id, l.payment_id, l.refund_id, NULL::uuid AS payout_id,
              NULL AS reference, l.business_id, b.business_name, a.app_id, a.app_name, s.state, l.amount::text AS amount
       FROM (${lineStates(`${beneficiaryFilter(account.kind)} AND l.earned_at >= ?::timestamptz AND l.earned_at < ?::timestamptz`)}) s
       JOIN earnings_ledger l ON l.id = s.id
       JOIN businesses b ON b.id = l.business_id
       LEFT JOIN payment_refunds r ON r.id = l.refund_id
       LEFT JOIN app_business_attributions a ON a.id = l.attribution_id
       UNION ALL
       SELECT t.paid_at, 'payout', NULL, NULL, NULL, p.id, t.reference, NULL, NULL, NULL, NULL, 'paid', (-p.amount)::text
       FROM payouts p JOIN payout_transfers t ON t.payout_id = p.id
       WHERE ${payoutsOf(account.kind)} AND t.paid_at >= ?::timestamptz AND t.paid_at < ?::timestamptz
     ) lines
     ORDER BY date, kind, coalesce(ledger_id, payout_id)`,
    [now, account.id, from, to, account.id, from, to],
  );
  return rows;
}

/** The month's lines summed by kind and, for ledger lines, by state (SQL NUMERIC sums). */
export async function statementTotals(knex: Knex, account: Beneficiary, from: Date, to: Date, now: Date) {
  const sum = (filter: string) => `coalesce(sum(s.amount) FILTER (WHERE ${filter}), 0)::numeric(14,2)::text`;
  const { rows } = await knex.raw(
    `SELECT ${sum(`s.kind = 'earning'`)} AS earnings, ${sum(`s.kind = 'refund_reversal'`)} AS refunds,
            ${sum(`s.kind = 'chargeback'`)} AS chargebacks, ${sum(`s.kind = 'fraud_void'`)} AS fraud_voids,
            ${sum(`s.state = 'pending'`)} AS pending, ${sum(`s.state = 'on_hold'`)} AS on_hold, ${sum(`s.state = 'approved'`)} AS approved,
            ${sum(`s.state = 'in_payout'`)} AS in_payout, ${sum(`s.state = 'paid'`)} AS paid,
            (SELECT coalesce(-sum(p.amount), 0)::numeric(14,2)::text FROM payouts p JOIN payout_transfers t ON t.payout_id = p.id
             WHERE ${payoutsOf(account.kind)} AND t.paid_at >= ?::timestamptz AND t.paid_at < ?::timestamptz) AS payouts
     FROM (${lineStates(
       `LEFT JOIN payment_refunds r ON r.id = l.refund_id
        ${beneficiaryFilter(account.kind)} AND l.earned_at >= ?::timestamptz AND l.earned_at < ?::timestamptz`,
       ` ${KIND} AS kind,`,
     )}) s`,
    [account.id, from, to, now, account.id, from, to],
  );
  return rows[0] as Record<'earnings' | 'refunds' | 'chargebacks' | 'fraud_voids' | 'payouts' | EarningState, string>;
}

/** One line of the admin's ledger export, every value already text. */
export interface LedgerExportRow {
  id: string;
  at: string;
  cursor_at: string;
  channel: string;
  kind: string;
  payment_id: string;
  refund_id: string | null;
  business_id: string;
  partner_id: string | null;
  developer_id: string | null;
  technical_partner_id: string | null;
  app_id: string | null;
  payment_amount: string;
  rate_percent: string;
  amount: string;
  approves_at: string;
  state: EarningState;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * One batch of the ledger in (earned_at, id) order after `after`, within [from, to) and written
 * no later than `writtenBy` (a stable set while the export runs). Keyset pagination over the
 * (earned_at, id) index: each batch is a short statement on any connection, on PostgreSQL and
 * PGlite alike, and no batch holds a connection while the client reads.
 */
export async function ledgerBatch(
  knex: Knex,
  range: { from: Date | undefined; to: Date | undefined; writtenBy: string; now: Date },
  after: [string, string] | undefined,
  limit: number,
): Promise<LedgerExportRow[]> {
  const where = ['l.created_at <= ?::timestamptz'];
  const bindings: Knex.Value[] = [range.writtenBy];
  if (range.from) {
    where.push('l.earned_at >= ?::timestamptz');
    bindings.push(range.from);
  }
  if (range.to) {
    where.push('l.earned_at < ?::timestamptz');
    bindings.push(range.to);
  }
  if (after) {
    where.push('(l.earned_at, l.id) > (?::timestamptz, ?::uuid)');
    bindings.push(...after);
  }
  const { rows } = await knex.raw(
    `SELECT s.id, s.state, s.at, s.cursor_at, s.channel, s.kind, s.payment_id, s.refund_id, s.business_id, s.partner_id,
            s.developer_id, s.technical_partner_id, a.app_id, s.payment_amount, s.rate_percent, s.amount::text AS amount, s.approves_text AS approves_at
     FROM (${lineStates(
       `LEFT JOIN payment_refunds r ON r.id = l.refund_id
        WHERE ${where.join(' AND ')} ORDER BY l.earned_at, l.id LIMIT ?`,
       ` to_char(l.earned_at AT TIME ZONE 'UTC', ${ISO}) AS at, l.earned_at::text AS cursor_at, l.earned_at, l.channel, ${KIND} AS kind,
         l.payment_id, l.refund_id, l.business_id, l.partner_id, l.developer_id, l.technical_partner_id, l.attribution_id,
         l.payment_amount::text AS payment_amount, l.rate_percent::text AS rate_percent,
         to_char(l.approves_at AT TIME ZONE 'UTC', ${ISO}) AS approves_text,`,
     )}) s
     LEFT JOIN app_business_attributions a ON a.id = s.attribution_id
     ORDER BY s.earned_at, s.id`,
    [range.now, ...bindings, limit],
  );
  return rows;
}

/** The database's clock now, as text it reads back exactly: the export's `writtenBy`. */
export async function databaseNow(knex: Knex): Promise<string> {
  const { rows } = await knex.raw('SELECT clock_timestamp()::text AS now');
  return rows[0].now;
}
