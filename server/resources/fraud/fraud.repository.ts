import type { Knex } from 'knex';
import { TOTALS_OF_LINES } from '../payments/earnings.repository.ts';

export type SignalKind = 'self_referral' | 'refund_share' | 'conversion_burst';
export type SignalState = 'open' | 'released' | 'voided';
export type Resolution = 'release' | 'void' | 'suspend';

export interface SignalRow {
  id: string;
  beneficiary_kind: 'partner' | 'developer';
  partner_id: string | null;
  developer_id: string | null;
  kind: SignalKind;
  subject: string | null;
  evidence: Record<string, unknown>;
  opened_at: Date;
  state: SignalState;
  resolution: Resolution | null;
  resolved_by: string | null;
  resolved_at: Date | null;
}

/** A signal as the review queue lists it: with its beneficiary's name and what it holds now. */
export interface QueueRow extends SignalRow {
  name: string;
  partner_status: string | null;
  held_lines: number;
  held_amount: string;
}

/**
 * Opens a signal against a partner unless one already covers it (the same subject, or an open
 * one of a kind without subject): the unique indexes decide, so racing writers open one.
 */
export async function openPartnerSignal(
  trx: Knex.Transaction,
  signal: { partnerId: string; kind: SignalKind; subject: string | null; evidence: Record<string, unknown>; openedAt: Date },
): Promise<SignalRow | undefined> {
  const { rows } = await trx.raw(
    `INSERT INTO fraud_signals (beneficiary_kind, partner_id, kind, subject, evidence, opened_at)
     VALUES ('partner', ?, ?, ?, ?::jsonb, ?) ON CONFLICT DO NOTHING RETURNING *`,
    [signal.partnerId, signal.kind, signal.subject, JSON.stringify(signal.evidence), signal.openedAt],
  );
  return rows[0];
}

/**
 * Links new partner-channel earnings to every open signal of their partner: they are on hold
 * until each of those signals is resolved. The open signals are read under a share lock first, so
 * a release or void deciding at the same time either waits for these links or is seen as done.
 */
export async function holdNewEarnings(trx: Knex.Transaction, ledgerIds: string[]): Promise<number> {
  if (ledgerIds.length === 0) return 0;
  await trx.raw(
    `SELECT s.id FROM fraud_signals s
     WHERE s.state = 'open' AND s.partner_id IN (SELECT partner_id FROM earnings_ledger WHERE id = ANY(?::uuid[]) AND channel = 'partner')
     ORDER BY s.id FOR SHARE`,
    [ledgerIds],
  );
  const { rows } = await trx.raw(
    `INSERT INTO fraud_signal_holds (signal_id, ledger_id)
     SELECT s.id, l.id FROM earnings_ledger l
     JOIN fraud_signals s ON s.partner_id = l.partner_id AND s.state = 'open'
     WHERE l.id = ANY(?::uuid[]) AND l.channel = 'partner'
     ON CONFLICT DO NOTHING RETURNING ledger_id`,
    [ledgerIds],
  );
  return rows.length;
}

/** A business's owner email and its referring partner's own email and site, for the self-referral check. */
export async function contactsOf(
  knex: Knex | Knex.Transaction,
  businessId: string,
  partnerId: string,
): Promise<{ business_email: string | null; partner_email: string | null; partner_site: string | null } | undefined> {
  const { rows } = await knex.raw(
    `SELECT b.contact_email AS business_email, dp.contact_email AS partner_email, dp.site_url AS partner_site
     FROM businesses b CROSS JOIN directory_partners dp WHERE b.id = ? AND dp.id = ?`,
    [businessId, partnerId],
  );
  return rows[0];
}

/**
 * The partner's commission-earning payments in the window ending at `at`, their amount, and
 * what of them has been refunded by `at` (refunds and chargebacks), in exact decimals; `over`
 * says whether the refunded share is above `share`.
 */
export async function refundShareOf(
  knex: Knex | Knex.Transaction,
  partnerId: string,
  at: Date,
  windowDays: number,
  share: string,
): Promise<{ payments: number; revenue: string; refunded: string; ratio: string | null; over: boolean }> {
  const { rows } = await knex.raw(
    `WITH p AS (
       SELECT DISTINCT l.payment_id, l.payment_amount FROM earnings_ledger l
       WHERE l.channel = 'partner' AND l.partner_id = ? AND l.refund_id IS NULL AND l.void_signal_id IS NULL
         AND l.earned_at > ?::timestamptz - make_interval(hours => 24 * ?::int) AND l.earned_at <= ?::timestamptz
     ), t AS (
       SELECT count(*)::int AS payments, coalesce(sum(payment_amount), 0) AS revenue,
              coalesce((SELECT sum(r.amount) FROM payment_refunds r WHERE r.payment_id IN (SELECT payment_id FROM p) AND r.refunded_at <= ?::timestamptz), 0) AS refunded
       FROM p
     )
     SELECT payments, revenue::numeric(14,2)::text AS revenue, refunded::numeric(14,2)::text AS refunded,
            CASE WHEN revenue > 0 THEN round(refunded / revenue, 4)::text END AS ratio,
            (refunded > revenue * ?::numeric) AS over
     FROM t`,
    [partnerId, at, windowDays, at, at, share],
  );
  return rows[0];
}

/**
 * The partner's conversions on each UTC day from `baselineDays` days before `day` to `day`
 * itself, oldest first, days without any counted as zero.
 */
export async function dailyConversions(knex: Knex | Knex.Transaction, partnerId: string, day: string, baselineDays: number): Promise<number[]> {
  const { rows } = await knex.raw(
    `SELECT d.day, count(pr.id)::int AS conversions
     FROM generate_series((?::date - ?::int)::timestamp, ?::date::timestamp, interval '1 day') AS d(day)
     LEFT JOIN partner_referrals pr ON pr.partner_id = ? AND pr.is_converted
       AND pr.converted_at >= (d.day AT TIME ZONE 'UTC') AND pr.converted_at < ((d.day + interval '1 day') AT TIME ZONE 'UTC')
     GROUP BY d.day ORDER BY d.day`,
    [day, baselineDays, day, partnerId],
  );
  return rows.map((r: { conversions: number }) => r.conversions);
}

const QUEUE_COLUMNS = `
  s.*, coalesce(dp.directory_name, d.name) AS name, dp.status AS partner_status,
  (SELECT count(*)::int FROM fraud_signal_holds h WHERE h.signal_id = s.id) AS held_lines,
  (SELECT coalesce(sum(l.amount), 0)::numeric(14,2)::text FROM earnings_ledger l
     JOIN earnings_ledger o ON o.payment_id = l.payment_id AND o.channel = l.channel
     JOIN fraud_signal_holds h ON h.ledger_id = o.id AND h.signal_id = s.id) AS held_amount`;

/** Signals newest first, by state. */
export async function listSignals(
  knex: Knex,
  filter: { state?: SignalState | undefined; limit: number; after?: [string, string] | undefined },
): Promise<QueueRow[]> {
  const where: string[] = [];
  const bindings: Knex.Value[] = [];
  if (filter.state) {
    where.push('s.state = ?');
    bindings.push(filter.state);
  }
  if (filter.after) {
    where.push('(s.opened_at, s.id) < (?::timestamptz, ?::uuid)');
    bindings.push(...filter.after);
  }
  const { rows } = await knex.raw(
    `SELECT ${QUEUE_COLUMNS} FROM fraud_signals s
     LEFT JOIN directory_partners dp ON dp.id = s.partner_id
     LEFT JOIN developer_accounts d ON d.id = s.developer_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY s.opened_at DESC, s.id DESC LIMIT ?`,
    [...bindings, filter.limit],
  );
  return rows;
}

export async function findSignal(knex: Knex | Knex.Transaction, id: string): Promise<QueueRow | undefined> {
  const { rows } = await knex.raw(
    `SELECT ${QUEUE_COLUMNS} FROM fraud_signals s
     LEFT JOIN directory_partners dp ON dp.id = s.partner_id
     LEFT JOIN developer_accounts d ON d.id = s.developer_id
     WHERE s.id = ?`,
    [id],
  );
  return rows[0];
}

/** Holds the signal's row until the transaction ends: one decision per signal at a time. */
export async function lockSignal(trx: Knex.Transaction, id: string): Promise<SignalRow | undefined> {
  return trx('fraud_signals').where({ id }).forUpdate().first();
}

export async function resolveSignal(trx: Knex.Transaction, id: string, resolution: Resolution, by: string, at: Date): Promise<void> {
  await trx('fraud_signals')
    .where({ id, state: 'open' })
    .update({ state: resolution === 'release' ? 'released' : 'voided', resolution, resolved_by: by, resolved_at: at });
}

/**
 * Voids what the signal holds, in one statement: for each held earning, one negative line that
 * brings what its payment still earns on that channel (after refunds and earlier voids) to
 * exactly zero, to the same beneficiary at the same rate and sharing its `approves_at`; the
 * running totals fall by the same amounts. An earning already at zero gets no line.
 */
export async function voidHeld(trx: Knex.Transaction, signalId: string, at: Date): Promise<{ amount: string; earned_at: Date; channel: 'partner' | 'app' }[]> {
  const { rows } = await trx.raw(
    `WITH held AS (
       SELECT e.* FROM earnings_ledger e JOIN fraud_signal_holds h ON h.ledger_id = e.id AND h.signal_id = ?
     ), kept AS (
       SELECT held.id, (SELECT sum(l.amount) FROM earnings_ledger l WHERE l.payment_id = held.payment_id AND l.channel = held.channel) AS amount
       FROM held
     ), lines AS (
       INSERT INTO earnings_ledger
         (payment_id, channel, business_id, partner_id, technical_partner_id, developer_id, attribution_id,
          payment_amount, rate_percent, amount, earned_at, approves_at, void_signal_id)
       SELECT e.payment_id, e.channel, e.business_id, e.partner_id, e.technical_partner_id, e.developer_id, e.attribution_id,
              e.payment_amount, e.rate_percent, -kept.amount, ?::timestamptz, e.approves_at, ?::uuid
       FROM held e JOIN kept ON kept.id = e.id
       WHERE kept.amount > 0
       RETURNING *
     ), ${TOTALS_OF_LINES}
     SELECT amount::text AS amount, earned_at, channel FROM lines`,
    [signalId, at, signalId],
  );
  return rows;
}

/** The void lines a signal wrote, as exact decimal strings. */
export async function voidLinesOf(knex: Knex | Knex.Transaction, signalId: string): Promise<{ payment_id: string; amount: string }[]> {
  return knex('earnings_ledger').where({ void_signal_id: signalId }).select('payment_id', knex.raw('amount::text AS amount')).orderBy('payment_id');
}

/** Suspends a partner (status `suspended`: no commission on new payments); a terminated one stays terminated. */
export async function suspendPartner(trx: Knex.Transaction, partnerId: string): Promise<void> {
  await trx('directory_partners').where({ id: partnerId }).whereNot({ status: 'terminated' }).update({ status: 'suspended', updated_at: trx.fn.now() });
}
