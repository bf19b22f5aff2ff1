import type { Knex } from 'knex';

/** Whose rate: a directory partner's commission_percent or a Technical Partner's revenue_share_percent. */
export type RateKind = 'partner' | 'technical_partner';

export interface RateAccount {
  kind: RateKind;
  id: string;
}

const ACCOUNT_COLUMN: Record<RateKind, string> = { partner: 'partner_id', technical_partner: 'technical_partner_id' };

/**
 * SQL for the rate in force at a moment: the latest change of the account dated on or before the
 * moment's UTC date (of two dated the same day, the later one made), or else `base`, the
 * account's own column (its rate before any change). `id`, `base` and `at` are SQL expressions
 * (`at` a timestamptz). The UTC date is taken explicitly: comparing a date with a timestamptz
 * would follow the session's time zone.
 */
export function rateInForceSql(kind: RateKind, id: string, base: string, at: string): string {
  return `coalesce((SELECT rc.percent FROM rate_changes rc
            WHERE rc.${ACCOUNT_COLUMN[kind]} = ${id} AND rc.effective_from <= (${at} AT TIME ZONE 'UTC')::date
            ORDER BY rc.effective_from DESC, rc.id DESC LIMIT 1), ${base})`;
}

/** Advisory-lock namespace of rates: writers of earnings share it, a rate change takes it alone. */
const RATES_LOCK = 7_420_004;

/**
 * Held shared by every writer of earnings until its transaction ends: a rate change waits for the
 * earnings being written, and a payment waits for a rate change being made, so a payment's rate
 * is read after any change that could cover it has committed (or the change sees its line).
 */
export async function shareRatesLock(trx: Knex.Transaction): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock_shared(?, 0)', [RATES_LOCK]);
}

/** Held alone by a rate change until its transaction ends. */
export async function takeRatesLock(trx: Knex.Transaction): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(?, 0)', [RATES_LOCK]);
}

export interface RateOwner {
  id: string;
  created_at: Date;
  /** The account's own column: its rate before any change (NULL: a Technical Partner on the default share). */
  base_percent: string | null;
  /** The rate in force now (base_percent when no change is in force yet). */
  percent_in_force: string | null;
}

/** The account with its rates before any change and now, or undefined. */
export async function findOwner(knex: Knex | Knex.Transaction, account: RateAccount): Promise<RateOwner | undefined> {
  const [table, column] = account.kind === 'partner' ? ['directory_partners', 'commission_percent'] : ['technical_partners', 'revenue_share_percent'];
  const { rows } = await knex.raw(
    `SELECT a.id, a.created_at, a.${column} AS base_percent, ${rateInForceSql(account.kind, 'a.id', `a.${column}`, 'now()')} AS percent_in_force
     FROM ${table} a WHERE a.id = ?`,
    [account.id],
  );
  return rows[0];
}

/** When the account's latest earning was dated (reversal lines aside: they keep their earning's rate), if any. */
export async function latestEarningAt(trx: Knex.Transaction, account: RateAccount): Promise<Date | undefined> {
  const row = await trx('earnings_ledger')
    .where(account.kind === 'partner' ? { channel: 'partner', partner_id: account.id } : { channel: 'app', technical_partner_id: account.id })
    .whereNull('refund_id')
    .max({ at: 'earned_at' })
    .first();
  return row?.at ?? undefined;
}

export interface RateChangeRow {
  id: string;
  percent: string;
  effective_from: string;
  created_at: Date;
}

export async function insertChange(trx: Knex.Transaction, account: RateAccount, percent: string, effectiveFrom: string): Promise<void> {
  await trx('rate_changes').insert({ [ACCOUNT_COLUMN[account.kind]]: account.id, percent, effective_from: effectiveFrom });
}

/** The account's changes by date, then in the order they were made. */
export function changesOf(knex: Knex | Knex.Transaction, account: RateAccount): Promise<RateChangeRow[]> {
  return knex('rate_changes')
    .where(ACCOUNT_COLUMN[account.kind], account.id)
    .orderBy([{ column: 'effective_from' }, { column: 'id' }])
    .select('id', 'percent', 'effective_from', 'created_at');
}
