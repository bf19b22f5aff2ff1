import type { Knex } from 'knex';
import type { z } from 'zod';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { transaction } from '../../db/transaction.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Answer } from '../../http/api.ts';
import { encodeCursor } from '../../http/schemas.ts';
import { bumpCounters } from '../../summaries/summaries.ts';
import type { LedgerEntry } from '../payments/earnings.repository.ts';
import * as repository from './fraud.repository.ts';
import type * as schemas from './fraud.schemas.ts';

/**
 * Fraud holds (DESIGN §9): three signals against a directory partner, each opened in the
 * transaction of the event that shows it, and the admin's review of them. While a signal is
 * open, the partner's new partner-channel earnings are held by it. App-channel earnings (a
 * Technical Partner's revenue share, also on apps built on its own referred businesses) are
 * never screened: earning there is the point of the tier, not a signal.
 */
export interface FraudTerms {
  /** FRAUD_REFUND_SHARE: a decimal share, "0.25". */
  refundShare: string;
  refundWindowDays: number;
  refundMinPayments: number;
  burstFactor: number;
  burstMinConversions: number;
  burstBaselineDays: number;
}

export function fraudTermsOf(config: Config): FraudTerms {
  return {
    refundShare: config.FRAUD_REFUND_SHARE,
    refundWindowDays: config.FRAUD_REFUND_WINDOW_DAYS,
    refundMinPayments: config.FRAUD_REFUND_MIN_PAYMENTS,
    burstFactor: config.FRAUD_BURST_FACTOR,
    burstMinConversions: config.FRAUD_BURST_MIN_CONVERSIONS,
    burstBaselineDays: config.FRAUD_BURST_BASELINE_DAYS,
  };
}

/** Mail providers anyone can sign up with: sharing one says nothing about who owns a business. */
const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'mail.com',
]);

const domainOfEmail = (email: string | null) => email?.trim().toLowerCase().split('@')[1] || null;
const domainOfSite = (site: string | null) => {
  if (!site || !URL.canParse(site)) return null;
  return new URL(site).hostname.toLowerCase().replace(/^www\./, '') || null;
};

/**
 * Whether a referred business looks like the partner's own: its owner email is the partner's
 * contact email, or its domain is the partner's (its site's host without `www.`, or its contact
 * email's domain unless that is a public mail provider). The evidence names domains, never the
 * private email itself.
 */
export function selfReferral(
  businessEmail: string | null,
  partnerEmail: string | null,
  partnerSite: string | null,
): { matched: 'email' | 'domain'; domain: string } | null {
  const domain = domainOfEmail(businessEmail);
  if (!domain) return null;
  if (partnerEmail && businessEmail!.trim().toLowerCase() === partnerEmail.trim().toLowerCase()) return { matched: 'email', domain };
  const partnerDomains = [domainOfSite(partnerSite), domainOfEmail(partnerEmail)].filter((d) => d && !PUBLIC_MAIL_DOMAINS.has(d));
  return partnerDomains.includes(domain) && !PUBLIC_MAIL_DOMAINS.has(domain) ? { matched: 'domain', domain } : null;
}

/**
 * Screens the earnings a payment just wrote, in its transaction: a partner-channel earning on a
 * business that looks like the partner's own opens a self-referral signal (one per business,
 * ever), then every partner-channel earning is held by its partner's open signals.
 */
export async function screenEarnings(trx: Knex.Transaction, ledger: LedgerEntry[], at: Date): Promise<void> {
  const partnerLines = ledger.filter((e) => e.channel === 'partner' && e.partner_id);
  for (const line of partnerLines) {
    const contacts = await repository.contactsOf(trx, line.business_id, line.partner_id!);
    const match = contacts && selfReferral(contacts.business_email, contacts.partner_email, contacts.partner_site);
    if (!match) continue;
    await repository.openPartnerSignal(trx, {
      partnerId: line.partner_id!,
      kind: 'self_referral',
      subject: line.business_id,
      evidence: { business_id: line.business_id, payment_id: line.payment_id, matched: match.matched, domain: match.domain },
      openedAt: at,
    });
  }
  await repository.holdNewEarnings(
    trx,
    partnerLines.map((e) => e.id),
  );
}

/**
 * After a refund of a payment that earned a partner commission: when the partner's payments in
 * the trailing window number at least the minimum sample and more than the threshold share of
 * their amount has been refunded, a refund-share signal opens (one open at a time).
 */
export async function screenRefund(trx: Knex.Transaction, paymentId: string, at: Date, terms: FraudTerms): Promise<void> {
  const line = await trx('earnings_ledger')
    .where({ payment_id: paymentId, channel: 'partner' })
    .whereNull('refund_id')
    .whereNull('void_signal_id')
    .first('partner_id');
  if (!line?.partner_id) return;
  const share = await repository.refundShareOf(trx, line.partner_id, at, terms.refundWindowDays, terms.refundShare);
  if (share.payments < terms.refundMinPayments || !share.over) return;
  await repository.openPartnerSignal(trx, {
    partnerId: line.partner_id,
    kind: 'refund_share',
    subject: null,
    evidence: {
      window_days: terms.refundWindowDays,
      payments: share.payments,
      referred_revenue: share.revenue,
      refunded: share.refunded,
      share: share.ratio,
      threshold: terms.refundShare,
      minimum_payments: terms.refundMinPayments,
    },
    openedAt: at,
  });
}

/** The median of whole counts (the mean of the middle two for an even number). */
export function median(counts: number[]): number {
  const sorted = [...counts].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * After a conversion: when the partner's conversions on that UTC day reach the minimum and are
 * more than the factor times its daily median over the baseline days before (days without any
 * count as zero), a burst signal opens for that day (one per day).
 */
export async function screenConversion(trx: Knex.Transaction, partnerId: string, convertedAt: Date, terms: FraudTerms): Promise<void> {
  const day = convertedAt.toISOString().slice(0, 10);
  const counts = await repository.dailyConversions(trx, partnerId, day, terms.burstBaselineDays);
  const conversions = counts.at(-1) ?? 0;
  const baseline = median(counts.slice(0, -1));
  if (conversions < terms.burstMinConversions || conversions <= terms.burstFactor * baseline) return;
  await repository.openPartnerSignal(trx, {
    partnerId,
    kind: 'conversion_burst',
    subject: day,
    evidence: {
      day,
      conversions,
      baseline_days: terms.burstBaselineDays,
      baseline_median: baseline,
      factor: terms.burstFactor,
      minimum_conversions: terms.burstMinConversions,
    },
    openedAt: convertedAt,
  });
}

export async function listSignals(knex: Knex, query: z.output<typeof schemas.SignalListQuery>): Promise<Answer<typeof schemas.SignalList>> {
  const rows = await repository.listSignals(knex, { state: query.state, limit: query.limit + 1, after: query.cursor });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    fraud_signals: page.map(present),
    next_cursor: rows.length > query.limit && last ? encodeCursor([last.opened_at.toISOString(), last.id]) : null,
  };
}

const STATE_OF: Record<repository.Resolution, repository.SignalState> = { release: 'released', void: 'voided', suspend: 'voided' };

/**
 * The admin's decision on an open signal, in one transaction under the signal's row lock:
 * - release: the signal closes; what it held falls back to pending or approved by `approves_at`
 *   (unless another open signal holds it too);
 * - void: each held earning gets a negative line bringing it to zero, running totals and monthly
 *   counters fall by the same amounts (dated now);
 * - suspend: a void, and the partner's status becomes `suspended` (no commission on new payments).
 * The same decision again answers the first (replayed); another one is refused (409).
 */
export async function resolve(knex: Knex, id: string, action: repository.Resolution, by: string, clock: Clock): Promise<Answer<typeof schemas.SignalDecision>> {
  const replayed = await transaction(knex, async (trx) => {
    const signal = await repository.lockSignal(trx, id);
    if (!signal) throw notFound(`Fraud signal ${id}`);
    if (signal.state !== 'open') {
      if (signal.resolution === action) return true;
      throw new AppError('invalid_transition', `Fraud signal ${id} was already resolved (${signal.resolution}); it cannot be ${STATE_OF[action]} now`, {
        state: signal.state,
        resolution: signal.resolution,
        resolved_at: signal.resolved_at?.toISOString(),
      });
    }
    const now = clock.now();
    if (action !== 'release') {
      const lines = await repository.voidHeld(trx, id, now);
      await bumpCounters(
        trx,
        lines.map((l) => ({ metric: l.channel === 'partner' ? ('partner_earnings' as const) : ('app_earnings' as const), at: l.earned_at, delta: l.amount })),
      );
    }
    if (action === 'suspend' && signal.partner_id) await repository.suspendPartner(trx, signal.partner_id);
    await repository.resolveSignal(trx, id, action, by, now);
    return false;
  });
  return {
    fraud_signal: present((await repository.findSignal(knex, id))!),
    voided: await repository.voidLinesOf(knex, id),
    replayed,
  };
}

function present(row: repository.QueueRow): z.input<typeof schemas.FraudSignal> {
  return {
    id: row.id,
    beneficiary: { kind: row.beneficiary_kind, id: (row.partner_id ?? row.developer_id)!, name: row.name, status: row.partner_status },
    kind: row.kind,
    evidence: row.evidence,
    opened_at: row.opened_at.toISOString(),
    state: row.state,
    resolution: row.resolution,
    resolved_by: row.resolved_by,
    resolved_at: row.resolved_at?.toISOString() ?? null,
    held: { lines: row.held_lines, amount: row.held_amount },
  };
}
