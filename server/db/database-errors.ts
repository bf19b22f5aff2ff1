import { AppError } from '../errors.ts';

/**
 * What a database error means for the caller. Races between writers end in a unique or foreign
 * key violation that the service could not have prevented without serialising everything; they
 * are the caller's conflict (409) with a message that names the rule, never a 500.
 */
const UNIQUE_RULES: Record<string, string> = {
  directory_partners_name_key: 'A directory with that name already exists',
  developer_accounts_email_key: 'A developer account with that email already exists',
  developer_accounts_partner_key: 'That partner already has a linked developer account',
  developer_apps_name_per_developer: 'This developer already has an app with that name',
  partner_referrals_one_per_partner_business: 'This partner has already referred this business',
  partner_referrals_one_conversion_per_business: 'This business has already converted through another partner',
  technical_partners_developer_key: 'Already applied to become a Technical Partner',
  app_business_attributions_one_per_business: 'This business is already attributed to an app',
  business_payments_idempotency_key_key: 'A payment with this Idempotency-Key is being recorded; retry to get its result',
  business_payments_pkey: 'A payment with this id is being recorded; retry to get its result',
};

/** A lost connection, a server going away or one that cannot be reached: retry shortly. */
const UNREACHABLE =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|Connection terminated|PGlite is closed|database system is shutting down|terminating connection|the database system is starting up|Client has encountered a connection error|Connection ended|timeout expired|Query read timeout/i;

/** Every connection of the pool stayed busy for the whole acquire timeout: the server answers, but is saturated. */
const POOL_EXHAUSTED = /Timeout acquiring a connection/;

export function databaseError(error: unknown): AppError | undefined {
  const e = error as { code?: string; message?: string; constraint?: string; table?: string };
  if (POOL_EXHAUSTED.test(e.message ?? '')) {
    return new AppError('database_busy', 'The database is busy; retry shortly');
  }
  // connection class 08, admin shutdown 57P01..03, or a driver-level connection failure
  if (/^(08|57P0)/.test(e.code ?? '') || UNREACHABLE.test(e.message ?? '')) {
    return new AppError('database_unavailable', 'The database is unavailable; retry shortly');
  }
  // a statement that ran past statement_timeout (or was cancelled): the server is overloaded
  if (e.code === '57014') {
    return new AppError('database_busy', 'The database took too long to answer; retry shortly');
  }
  // serialization failure or deadlock that outlasted the unit of work's retries
  if (e.code === '40001' || e.code === '40P01') {
    return new AppError('database_busy', 'The request raced with others too often; retry shortly');
  }
  if (e.code === '23505') {
    return new AppError(
      'conflict',
      UNIQUE_RULES[e.constraint ?? ''] ?? 'The request conflicts with an existing record',
      e.constraint ? { rule: e.constraint } : undefined,
    );
  }
  if (e.code === '23503') {
    // a referenced row was removed or never committed while the request ran
    return new AppError(
      'conflict',
      'The request refers to a record that does not exist (or no longer exists)',
      e.constraint ? { rule: e.constraint } : undefined,
    );
  }
  // data exceptions (bad text encoding, out-of-range or malformed values) are the input's fault
  if (['22P02', '22003', '22007', '22008', '22021', '22P05'].includes(e.code ?? '')) {
    return new AppError('validation_failed', 'A value is out of range or malformed');
  }
  return undefined;
}
