import type { Knex } from 'knex';
import { PARTNER_COMMISSIONS_OF } from '../../summaries/partner-counters.ts';
import { rateInForceSql, shareRatesLock } from '../rates/rates.repository.ts';
import { DEFAULT_REVENUE_SHARE_PERCENT } from '../technical-partners/revenue-share.ts';

export interface LedgerEntry {
  id: string;
  payment_id: string;
  channel: 'partner' | 'app';
  business_id: string;
  partner_id: string | null;
  technical_partner_id: string | null;
  developer_id: string | null;
  attribution_id: string | null;
  payment_amount: string;
  rate_percent: string;
  amount: string;
  earned_at: Date;
  /** When the earning's hold period ends (a reversal line shares its earning's). */
  approves_at: Date;
  /** The refund or chargeback this line reverses (its amount is then negative or zero). */
  refund_id: string | null;
  /** The fraud signal whose void this line is (negative: it brings a held earning to zero). */
  void_signal_id: string | null;
}

/**
 * Applies DESIGN §3 to payments already stored: writes one ledger row per (payment, channel)
 * and grows the running totals by exactly the amounts written, all in one statement.
 *
 * - partner channel: the partner whose referral converted the business earns its
 *   commission_percent on payments dated at or after the conversion (a terminated or suspended partner earns nothing);
 * - app channel: the developer the business is attributed to earns revenue_share_percent
 *   (DEFAULT_REVENUE_SHARE_PERCENT when unset), only while their technical-partner status is 'active'.
 * Each rate is the one in force on the payment's paid_at (UTC date): the latest rate change dated
 * on or before it, else the account's own column. The rates lock is held shared first, so a rate
 * change being made is either committed before the rates are read or waits for these lines.
 * Each amount is round(payment * percent / 100, 2): cents, half away from zero.
 * Each earning is pending for `holdDays` from its payment (DESIGN §9): `approves_at` is fixed here,
 * so a later change of the hold period applies to new earnings only. Days of 24 hours: a day
 * interval would follow the session's time zone across a daylight-saving change.
 * A payment that already has its ledger rows gains nothing (the unique (payment, channel) key).
 */
export async function applyEarnings(trx: Knex.Transaction, paymentIds: string[], holdDays: number): Promise<LedgerEntry[]> {
  if (paymentIds.length === 0) return [];
  await shareRatesLock(trx);
  const { rows } = await trx.raw(
    `WITH p AS (
       SELECT id, business_id, amount, paid_at, paid_at + make_interval(hours => 24 * ?::int) AS approves_at
       FROM business_payments WHERE id = ANY(?::uuid[])
     ), partner_rows AS (
       INSERT INTO earnings_ledger
         (payment_id, channel, business_id, partner_id, payment_amount, rate_percent, amount, earned_at, approves_at)
       SELECT p.id, 'partner', p.business_id, dp.id, p.amount, rate.percent,
              round(p.amount * rate.percent / 100, 2), p.paid_at, p.approves_at
       FROM p
       JOIN partner_referrals pr ON pr.referred_business_id = p.business_id AND pr.is_converted AND pr.converted_at <= p.paid_at
       JOIN directory_partners dp ON dp.id = pr.partner_id AND dp.status NOT IN ('terminated', 'suspended')
       CROSS JOIN LATERAL (SELECT ${rateInForceSql('partner', 'dp.id', 'dp.commission_percent', 'p.paid_at')} AS percent) rate
       ON CONFLICT (payment_id, channel) WHERE refund_id IS NULL AND void_signal_id IS NULL DO NOTHING
       RETURNING *
     ), app_rows AS (
       INSERT INTO earnings_ledger
         (payment_id, channel, business_id, technical_partner_id, developer_id, attribution_id,
          payment_amount, rate_percent, amount, earned_at, approves_at)
       SELECT p.id, 'app', p.business_id, tp.id, tp.developer_id, a.id, p.amount, rate.percent,
              round(p.amount * rate.percent / 100, 2), p.paid_at, p.approves_at
       FROM p
       CROSS JOIN (SELECT ?::numeric AS percent) default_share
       JOIN app_business_attributions a ON a.business_id = p.business_id
       JOIN technical_partners tp ON tp.developer_id = a.developer_id AND tp.status = 'active'
       CROSS JOIN LATERAL (SELECT coalesce(${rateInForceSql('technical_partner', 'tp.id', 'tp.revenue_share_percent', 'p.paid_at')},
                                           default_share.percent) AS percent) rate
       ON CONFLICT (payment_id, channel) WHERE refund_id IS NULL AND void_signal_id IS NULL DO NOTHING
       RETURNING *
     ), partner_totals AS (
       UPDATE directory_partners dp
       SET total_commission_earned = dp.total_commission_earned + s.amount, updated_at = now()
       FROM (SELECT partner_id, sum(amount) AS amount FROM partner_rows GROUP BY partner_id) s
       WHERE dp.id = s.partner_id
     ), ${PARTNER_COMMISSIONS_OF('partner_rows')}, technical_partner_totals AS (
       UPDATE technical_partners tp
       SET total_app_earnings = coalesce(tp.total_app_earnings, 0) + s.amount, updated_at = now()
       FROM (SELECT technical_partner_id, sum(amount) AS amount FROM app_rows GROUP BY technical_partner_id) s
       WHERE tp.id = s.technical_partner_id
     ), attribution_totals AS (
       UPDATE app_business_attributions a
       SET earnings_attributed = coalesce(a.earnings_attributed, 0) + s.amount
       FROM (SELECT attribution_id, sum(amount) AS amount FROM app_rows GROUP BY attribution_id) s
       WHERE a.id = s.attribution_id
     )
     SELECT * FROM partner_rows UNION ALL SELECT * FROM app_rows`,
    [holdDays, paymentIds, DEFAULT_REVENUE_SHARE_PERCENT],
  );
  return rows as LedgerEntry[];
}

/**
 * The running totals following the ledger lines of a CTE named `lines` (reversal or void lines,
 * either channel), by exactly their amounts: the directory partner's (and its month's), the
 * technical partner's and the attribution's. The CTEs of one statement, written after `lines`.
 */
export const TOTALS_OF_LINES = `partner_totals AS (
       UPDATE directory_partners dp
       SET total_commission_earned = dp.total_commission_earned + s.amount, updated_at = now()
       FROM (SELECT partner_id, sum(amount) AS amount FROM lines WHERE channel = 'partner' GROUP BY partner_id) s
       WHERE dp.id = s.partner_id
     ), ${PARTNER_COMMISSIONS_OF('lines')}, technical_partner_totals AS (
       UPDATE technical_partners tp
       SET total_app_earnings = coalesce(tp.total_app_earnings, 0) + s.amount, updated_at = now()
       FROM (SELECT technical_partner_id, sum(amount) AS amount FROM lines WHERE channel = 'app' GROUP BY technical_partner_id) s
       WHERE tp.id = s.technical_partner_id
     ), attribution_totals AS (
       UPDATE app_business_attributions a
       SET earnings_attributed = coalesce(a.earnings_attributed, 0) + s.amount
       FROM (SELECT attribution_id, sum(amount) AS amount FROM lines WHERE channel = 'app' GROUP BY attribution_id) s
       WHERE a.id = s.attribution_id
     )`;

/**
 * Reverses a payment's earnings for a refund already stored (DESIGN §9): one negative line per
 * channel the payment earned on, to the same beneficiary at the same rate, and running totals
 * lowered by exactly those amounts, in one statement.
 *
 * The share is taken over every refund of the payment so far: after it, a channel keeps
 * earned − round(earned × refunded ÷ paid, 2) (half away from zero), and the line is whatever
 * brings it there from what it keeps now. Partial refunds therefore never drift by a cent from
 * the proportional amount, a full refund leaves exactly zero, and no line takes a payment's
 * lines below zero in total. A channel with nothing left to reverse gets no line.
 *
 * A reversal line shares its earning's `approves_at`: the refund of an earning still pending nets
 * against it while pending; of an approved or paid one it is approved at once, so it lowers the
 * approved balance (a clawback, deducted from the next payout when the earning was already paid).
 */
export async function reverseEarnings(trx: Knex.Transaction, refundId: string): Promise<LedgerEntry[]> {
  const { rows } = await trx.raw(
    `WITH r AS (
       SELECT id, payment_id, refunded_at FROM payment_refunds WHERE id = ?
     ), pay AS (
       SELECT bp.id, bp.amount, (SELECT sum(amount) FROM payment_refunds WHERE payment_id = bp.id) AS refunded
       FROM business_payments bp JOIN r ON r.payment_id = bp.id
     ), kept AS (
       SELECT channel, sum(amount) AS amount FROM earnings_ledger WHERE payment_id = (SELECT id FROM pay) GROUP BY channel
     ), lines AS (
       INSERT INTO earnings_ledger
         (payment_id, channel, business_id, partner_id, technical_partner_id, developer_id, attribution_id,
          payment_amount, rate_percent, amount, earned_at, approves_at, refund_id)
       SELECT e.payment_id, e.channel, e.business_id, e.partner_id, e.technical_partner_id, e.developer_id, e.attribution_id,
              e.payment_amount, e.rate_percent, x.line, r.refunded_at, e.approves_at, r.id
       FROM earnings_ledger e
       JOIN pay ON pay.id = e.payment_id
       JOIN kept ON kept.channel = e.channel
       CROSS JOIN r
       CROSS JOIN LATERAL (SELECT (e.amount - round(e.amount * pay.refunded / pay.amount, 2)) - kept.amount AS line) x
       WHERE e.refund_id IS NULL AND e.void_signal_id IS NULL AND x.line < 0
       RETURNING *
     ), ${TOTALS_OF_LINES}
     SELECT * FROM lines ORDER BY channel DESC`,
    [refundId],
  );
  return rows as LedgerEntry[];
}
