import type { Knex } from 'knex';

export type BeneficiaryKind = 'partner' | 'developer';
export type EarningState = 'pending' | 'on_hold' | 'approved' | 'in_payout' | 'paid';

export interface Beneficiary {
  kind: BeneficiaryKind;
  id: string;
}

/** Sums of a beneficiary's ledger lines by state, as exact decimal strings. */
export interface StateSums {
  pending: string;
  on_hold: string;
  approved: string;
  in_payout: string;
  paid: string;
}

/**
 * Every ledger line with its beneficiary and its state at a moment (the first binding), derived
 * from rows written beside the ledger, never from an edit of a line:
 * - paid: the payout that locked it has a transfer;
 * - in_payout: locked in a payout not marked paid yet;
 * - on_hold: its earning is held for review, by a hold row or a fraud signal still open (a
 *   reversal or void line goes with the earning it reverses);
 * - approved: its hold period has ended (`approves_at`);
 * - pending: otherwise.
 * Partner-channel lines belong to the directory partner, app-channel lines to the developer.
 * `columns` adds further columns of the line (`l`) or its reversed earning (`o`).
 */
export function lineStates(where = '', columns = ''): string {
  return `
    SELECT l.id, l.amount, l.approves_at,${columns}
           CASE l.channel WHEN 'partner' THEN 'partner' ELSE 'developer' END AS beneficiary_kind,
           CASE l.channel WHEN 'partner' THEN l.partner_id ELSE l.developer_id END AS beneficiary_id,
           CASE WHEN t.payout_id IS NOT NULL THEN 'paid'
                WHEN pl.payout_id IS NOT NULL THEN 'in_payout'
                WHEN h.ledger_id IS NOT NULL OR EXISTS (
                  SELECT 1 FROM fraud_signal_holds fh JOIN fraud_signals fs ON fs.id = fh.signal_id AND fs.state = 'open'
                  WHERE fh.ledger_id = coalesce(o.id, l.id)) THEN 'on_hold'
                WHEN l.approves_at <= ?::timestamptz THEN 'approved'
                ELSE 'pending' END AS state
    FROM earnings_ledger l
    LEFT JOIN LATERAL (
      -- LIMIT 1 (there is one such earning) keeps this a subquery whose gate is tested before the
      -- lookup: an earning line, most of the ledger, looks nothing up
      SELECT o.id FROM earnings_ledger o
      WHERE (l.refund_id IS NOT NULL OR l.void_signal_id IS NOT NULL)
        AND o.payment_id = l.payment_id AND o.channel = l.channel AND o.refund_id IS NULL AND o.void_signal_id IS NULL
      LIMIT 1
    ) o ON true
    LEFT JOIN earning_holds h ON h.ledger_id = coalesce(o.id, l.id)
    LEFT JOIN payout_lines pl ON pl.ledger_id = l.id
    LEFT JOIN payout_transfers t ON t.payout_id = pl.payout_id
    ${where}`;
}

export const beneficiaryFilter = (kind: BeneficiaryKind) =>
  kind === 'partner' ? `WHERE l.channel = 'partner' AND l.partner_id = ?` : `WHERE l.channel = 'app' AND l.developer_id = ?`;

const SUMS = `
  coalesce(sum(amount) FILTER (WHERE state = 'pending'), 0)::numeric(14,2)::text AS pending,
  coalesce(sum(amount) FILTER (WHERE state = 'on_hold'), 0)::numeric(14,2)::text AS on_hold,
  coalesce(sum(amount) FILTER (WHERE state = 'approved'), 0)::numeric(14,2)::text AS approved,
  coalesce(sum(amount) FILTER (WHERE state = 'in_payout'), 0)::numeric(14,2)::text AS in_payout,
  coalesce(sum(amount) FILTER (WHERE state = 'paid'), 0)::numeric(14,2)::text AS paid`;

/**
 * One beneficiary's sums by state at `now`, and what a run at `payoutAt` would at least find
 * approved (approved now, or pending and approved by then).
 */
export async function balanceOf(
  knex: Knex | Knex.Transaction,
  beneficiary: Beneficiary,
  now: Date,
  payoutAt: Date,
): Promise<StateSums & { approved_by_payout: string }> {
  const { rows } = await knex.raw(
    `SELECT ${SUMS},
       coalesce(sum(amount) FILTER (WHERE state = 'approved' OR (state = 'pending' AND approves_at <= ?::timestamptz)), 0)::numeric(14,2)::text
         AS approved_by_payout
     FROM (${lineStates(beneficiaryFilter(beneficiary.kind))}) s`,
    [payoutAt, now, beneficiary.id],
  );
  return rows[0];
}

export interface OwedRow extends StateSums {
  beneficiary_kind: BeneficiaryKind;
  beneficiary_id: string;
  name: string;
}

/**
 * Every beneficiary with something not yet paid (pending, held, approved or in a payout), in
 * (kind, id) order after `after`: who is owed what.
 */
export async function owed(knex: Knex, now: Date, limit: number, after: [BeneficiaryKind, string] | undefined): Promise<OwedRow[]> {
  const { rows } = await knex.raw(
    `SELECT s.beneficiary_kind, s.beneficiary_id, coalesce(dp.directory_name, d.name) AS name, ${SUMS}
     FROM (${lineStates()}) s
     LEFT JOIN directory_partners dp ON s.beneficiary_kind = 'partner' AND dp.id = s.beneficiary_id
     LEFT JOIN developer_accounts d ON s.beneficiary_kind = 'developer' AND d.id = s.beneficiary_id
     ${after ? 'WHERE (s.beneficiary_kind, s.beneficiary_id) > (?, ?::uuid)' : ''}
     GROUP BY s.beneficiary_kind, s.beneficiary_id, dp.directory_name, d.name
     HAVING coalesce(sum(amount) FILTER (WHERE state = 'pending'), 0) <> 0
         OR coalesce(sum(amount) FILTER (WHERE state = 'on_hold'), 0) <> 0
         OR coalesce(sum(amount) FILTER (WHERE state = 'approved'), 0) <> 0
         OR coalesce(sum(amount) FILTER (WHERE state = 'in_payout'), 0) <> 0
     ORDER BY s.beneficiary_kind, s.beneficiary_id
     LIMIT ?`,
    [now, ...(after ?? []), limit],
  );
  return rows;
}

export interface PayoutRunRow {
  id: string;
  idempotency_key: string;
  cutoff: Date;
  minimum: string;
  created_at: Date;
}

export interface PayoutRow {
  id: string;
  run_id: string;
  beneficiary_kind: BeneficiaryKind;
  partner_id: string | null;
  developer_id: string | null;
  amount: string;
  line_count: number;
  created_at: Date;
  status: 'scheduled' | 'paid' | 'cancelled';
  paid_at: Date | null;
  cancelled_at: Date | null;
  reference: string | null;
  name: string;
}

/** Advisory-lock namespace of payout runs: one run decides at a time. */
const PAYOUT_RUNS_LOCK = 7_420_003;

/** Holds the payout-run lock until the transaction ends: runs are decided one after the other. */
export async function lockPayoutRuns(trx: Knex.Transaction): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(?, 0)', [PAYOUT_RUNS_LOCK]);
}

export function findRun(knex: Knex | Knex.Transaction, where: { id: string } | { idempotency_key: string }): Promise<PayoutRunRow | undefined> {
  return knex('payout_runs').where(where).first();
}

export async function insertRun(trx: Knex.Transaction, run: Omit<PayoutRunRow, 'id'>): Promise<PayoutRunRow> {
  const [row] = await trx('payout_runs').insert(run).returning('*');
  return row;
}

/**
 * The run's decision, in one statement (one snapshot): every beneficiary whose approved lines
 * not yet in any payout sum to at least the run's minimum gets a payout of exactly that sum, and
 * those lines are locked into it. A negative or small balance stays approved for the next run.
 * `payout_lines` has one row per ledger line, ever, so no line can be paid twice.
 */
export async function payApproved(trx: Knex.Transaction, run: PayoutRunRow): Promise<number> {
  const { rows } = await trx.raw(
    `WITH eligible AS MATERIALIZED (
       SELECT id, amount, beneficiary_kind, beneficiary_id FROM (${lineStates()}) s WHERE state = 'approved'
     ), owed AS (
       SELECT beneficiary_kind, beneficiary_id, sum(amount) AS amount, count(*)::int AS line_count
       FROM eligible GROUP BY beneficiary_kind, beneficiary_id HAVING sum(amount) >= ?::numeric
     ), made AS (
       INSERT INTO payouts (run_id, beneficiary_kind, partner_id, developer_id, amount, line_count, created_at)
       SELECT ?::uuid, beneficiary_kind,
              CASE beneficiary_kind WHEN 'partner' THEN beneficiary_id END,
              CASE beneficiary_kind WHEN 'developer' THEN beneficiary_id END,
              amount, line_count, ?::timestamptz
       FROM owed
       RETURNING id, beneficiary_kind, coalesce(partner_id, developer_id) AS beneficiary_id
     ), locked AS (
       INSERT INTO payout_lines (ledger_id, payout_id)
       SELECT e.id, m.id FROM eligible e JOIN made m USING (beneficiary_kind, beneficiary_id)
       RETURNING ledger_id
     )
     SELECT (SELECT count(*) FROM made)::int AS payouts, (SELECT count(*) FROM locked)::int AS lines`,
    [run.cutoff, run.minimum, run.id, run.created_at],
  );
  return rows[0].payouts;
}

const PAYOUT_COLUMNS = [
  'p.*',
  'coalesce(dp.directory_name, d.name) as name',
  `CASE WHEN t.payout_id IS NOT NULL THEN 'paid' WHEN c.payout_id IS NOT NULL THEN 'cancelled' ELSE 'scheduled' END as status`,
  't.paid_at',
  't.reference',
  'c.cancelled_at',
];

function payouts(knex: Knex | Knex.Transaction) {
  return knex('payouts as p')
    .leftJoin('payout_transfers as t', 't.payout_id', 'p.id')
    .leftJoin('payout_cancellations as c', 'c.payout_id', 'p.id')
    .leftJoin('directory_partners as dp', 'dp.id', 'p.partner_id')
    .leftJoin('developer_accounts as d', 'd.id', 'p.developer_id')
    .select(PAYOUT_COLUMNS.map((c) => knex.raw(c)));
}

export interface PayoutFilter {
  status?: 'scheduled' | 'paid' | 'cancelled' | undefined;
  runId?: string | undefined;
  beneficiary?: Beneficiary | undefined;
  limit: number;
  after?: [string, string] | undefined;
}

/** Payouts newest first, filtered. */
export function listPayouts(knex: Knex | Knex.Transaction, filter: PayoutFilter): Promise<PayoutRow[]> {
  const query = payouts(knex)
    .orderBy([
      { column: 'p.created_at', order: 'desc' },
      { column: 'p.id', order: 'desc' },
    ])
    .limit(filter.limit);
  if (filter.status === 'paid') query.whereNotNull('t.payout_id');
  if (filter.status === 'scheduled') query.whereNull('t.payout_id').whereNull('c.payout_id');
  if (filter.status === 'cancelled') query.whereNotNull('c.payout_id');
  if (filter.runId) query.where('p.run_id', filter.runId);
  if (filter.beneficiary) query.where(filter.beneficiary.kind === 'partner' ? 'p.partner_id' : 'p.developer_id', filter.beneficiary.id);
  if (filter.after) query.whereRaw('(p.created_at, p.id) < (?::timestamptz, ?::uuid)', filter.after);
  return query;
}

export function findPayout(knex: Knex | Knex.Transaction, id: string): Promise<PayoutRow | undefined> {
  return payouts(knex).where('p.id', id).first();
}

/** Holds the payout's row until the transaction ends: one mark-paid or cancel at a time. */
export async function lockPayout(trx: Knex.Transaction, id: string): Promise<boolean> {
  return Boolean(await trx('payouts').where({ id }).forUpdate().first('id'));
}

export async function insertTransfer(trx: Knex.Transaction, transfer: { payout_id: string; reference: string | null; paid_at: Date }): Promise<void> {
  await trx('payout_transfers').insert(transfer);
}

/**
 * Cancels a payout not marked paid: a cancellation row, and its lines moved out of `payout_lines`
 * (so they are approved again, for the next run) into `cancelled_payout_lines` (so what it held
 * stays on record). The ledger lines themselves are untouched.
 */
export async function insertCancellation(trx: Knex.Transaction, cancellation: { payout_id: string; reason: string | null; cancelled_at: Date }): Promise<void> {
  await trx('payout_cancellations').insert(cancellation);
  await trx.raw(
    `WITH released AS (DELETE FROM payout_lines WHERE payout_id = ? RETURNING ledger_id, payout_id)
     INSERT INTO cancelled_payout_lines (payout_id, ledger_id) SELECT payout_id, ledger_id FROM released`,
    [cancellation.payout_id],
  );
}

export interface RunSummaryRow extends PayoutRunRow {
  payouts: number;
  paid: number;
  cancelled: number;
  amount: string;
}

/** Runs newest first (or the one run `id`), each with its payouts' count, how many are paid and cancelled, and their total. */
export function listRuns(knex: Knex, limit: number, after: [string, string] | undefined, id?: string): Promise<RunSummaryRow[]> {
  const query = knex('payout_runs as r')
    .select(
      'r.*',
      knex.raw('(SELECT count(*)::int FROM payouts p WHERE p.run_id = r.id) AS payouts'),
      knex.raw('(SELECT count(*)::int FROM payouts p JOIN payout_transfers t ON t.payout_id = p.id WHERE p.run_id = r.id) AS paid'),
      knex.raw('(SELECT count(*)::int FROM payouts p JOIN payout_cancellations c ON c.payout_id = p.id WHERE p.run_id = r.id) AS cancelled'),
      knex.raw('(SELECT coalesce(sum(amount), 0)::numeric(14,2)::text FROM payouts p WHERE p.run_id = r.id) AS amount'),
    )
    .orderBy([
      { column: 'r.created_at', order: 'desc' },
      { column: 'r.id', order: 'desc' },
    ])
    .limit(limit);
  if (after) query.whereRaw('(r.created_at, r.id) < (?::timestamptz, ?::uuid)', after);
  if (id) query.where('r.id', id);
  return query;
}

/** When the latest run was made, if any. */
export async function latestRunAt(knex: Knex | Knex.Transaction): Promise<Date | undefined> {
  const row = await knex('payout_runs').max({ at: 'created_at' }).first();
  return row?.at ?? undefined;
}
