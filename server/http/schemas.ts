import { z } from 'zod';

/** Building blocks shared by every resource's schemas. */

/** Money in JSON: a decimal string with two places, never a float. */
export const Money = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .meta({ description: 'Decimal amount with two places', example: '12.50' });

/** A money input: a positive decimal string with at most two places. */
export const MoneyInput = z
  .string({ error: 'must be a decimal string such as "12.50"' })
  .regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be a decimal string such as "12.50" (at most two decimal places)')
  .refine((value) => Number(value) > 0, 'must be greater than zero')
  .meta({ example: '199.99' });

export const Percent = z
  .string()
  .regex(/^\d{1,3}\.\d{2}$/)
  .meta({ description: 'Percentage with two places', example: '5.00' });

export const Uuid = z.uuid({ error: 'must be a UUID' });

export const Timestamp = z.iso.datetime({ offset: true });

/** How far ahead of this server's clock a reported time may be (the sender's clock may run fast). */
const CLOCK_SKEW_MS = 5 * 60_000;

/** A timestamp of something that has happened: no later than now, give or take the clock skew. */
export const NotInFuture = Timestamp.refine((value) => !(Date.parse(value) > Date.now() + CLOCK_SKEW_MS), {
  message: 'may not be in the future',
  when: (payload) => payload.issues.length === 0, // a malformed timestamp gets its own message only
});

export const Month = z
  .string()
  .regex(/^\d{4}-\d{2}$/)
  .meta({ example: '2026-11' });

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

export const PaginationQuery = z.object({
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

export const ApiProduct = z.enum(['cmal', 'voice', 'susu', 'fraud']);
export const PricingTier = z.enum(['starter', 'growth', 'technical_partner']);
export const TechnicalPartnerStatus = z.enum(['pending', 'active', 'suspended']);

/** An opaque cursor around a sort key. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] | undefined {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(values) ? values : undefined;
  } catch {
    return undefined;
  }
}
