import type { Knex } from 'knex';
import type { z } from 'zod';
import { transaction } from '../../db/transaction.ts';
import { conflict, notFound } from '../../errors.ts';
import { invalidInput } from '../../http/validate.ts';
import { requireOpenMonth } from '../closed-months/closed-months.ts';
import { DEFAULT_REVENUE_SHARE_PERCENT } from '../technical-partners/revenue-share.ts';
import * as repository from './rates.repository.ts';
import type { RateHistory } from './rates.schemas.ts';

const DAY_MS = 86_400_000;
const utcDate = (at: Date) => at.toISOString().slice(0, 10);
const NAMES: Record<repository.RateKind, string> = { partner: 'Partner', technical_partner: 'Technical partner' };

/**
 * Changes a rate from a UTC date on (DESIGN §9): a new row in the account's rate history, never an
 * edit. A payment earns at the rate in force on its paid_at's UTC date, and earnings already
 * written are never rewritten, so a change may not reach back over them: it is refused (409)
 * unless every earning of the account is dated before `effective_from`. A date ahead is fine (the
 * change waits for it); so is one in the past with nothing earned since (payments recorded late,
 * dated in that window, then earn at it). Not before the account was created (400) nor in a
 * closed month (409).
 *
 * Earnings writers hold the rates lock shared and a change takes it alone, after the month's lock
 * (the order payments take them in): a payment either commits before the change looks at the
 * latest earning, or reads its rate after the change has committed.
 */
export async function changeRate(knex: Knex, account: repository.RateAccount, percent: string, effectiveFrom: string): Promise<z.input<typeof RateHistory>> {
  const field = account.kind === 'partner' ? 'commission_percent' : 'revenue_share_percent';
  return transaction(knex, async (trx) => {
    const owner = await repository.findOwner(trx, account);
    if (!owner) throw notFound(`${NAMES[account.kind]} ${account.id}`);
    if (effectiveFrom < utcDate(owner.created_at)) {
      throw invalidInput('body', 'effective_from', `may not be before the account was created (${utcDate(owner.created_at)})`);
    }
    const from = new Date(`${effectiveFrom}T00:00:00Z`);
    await requireOpenMonth(trx, from, 'body.effective_from');
    await repository.takeRatesLock(trx);
    const latest = await repository.latestEarningAt(trx, account);
    if (latest && latest >= from) {
      const earliest = utcDate(new Date(Date.UTC(latest.getUTCFullYear(), latest.getUTCMonth(), latest.getUTCDate()) + DAY_MS));
      throw conflict(
        `body.effective_from: earnings dated ${latest.toISOString()} were written at the ${field} in force then and are never rewritten; ` +
          `a change may take effect from ${earliest} on`,
        { latest_earning_at: latest.toISOString(), earliest_effective_from: earliest },
      );
    }
    await repository.insertChange(trx, account, percent, effectiveFrom);
    return rateHistory(trx, account);
  });
}

/** The account's rate before any change, in force now, and every change by date. */
export async function rateHistory(knex: Knex | Knex.Transaction, account: repository.RateAccount): Promise<z.input<typeof RateHistory>> {
  const owner = await repository.findOwner(knex, account);
  if (!owner) throw notFound(`${NAMES[account.kind]} ${account.id}`);
  const changes = await repository.changesOf(knex, account);
  return {
    account,
    initial_percent: owner.base_percent ?? DEFAULT_REVENUE_SHARE_PERCENT,
    percent_in_force: owner.percent_in_force ?? DEFAULT_REVENUE_SHARE_PERCENT,
    changes: changes.map((c) => ({ percent: c.percent, effective_from: c.effective_from, created_at: c.created_at.toISOString() })),
  };
}
