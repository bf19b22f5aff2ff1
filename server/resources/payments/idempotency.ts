import { createHash } from 'node:crypto';
import { AppError } from '../../errors.ts';

/** The digest of what a request asked for: a replay under the same key or id must ask for the same. */
export function fingerprintOf(fields: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * Refuses (422) a replay whose Idempotency-Key or id was first used for a different request: a
 * different body, or the id recorded under another key.
 */
export function requireSameRequest(
  existing: { id: string; idempotency_key: string | null; request_fingerprint: string | null },
  key: string,
  fingerprint: string,
  what: 'payment' | 'refund',
): void {
  if (existing.request_fingerprint !== fingerprint || (existing.idempotency_key !== key && existing.idempotency_key !== null)) {
    throw new AppError('idempotency_key_reused', `This Idempotency-Key or ${what} id was already used for a different ${what}`, {
      [`${what}_id`]: existing.id,
    });
  }
}
