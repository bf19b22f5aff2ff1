import { z } from 'zod';

/** Building blocks shared by every resource's schemas. */

/** Money in JSON: a decimal string with two places, never a float. */
export const Money = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .meta({ description: 'Decimal amount with two places', example: '12.50' });

/** The platform currency (CURRENCY), stated beside the money of every response that has some. */
export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .meta({ description: 'ISO 4217 code of the platform currency (CURRENCY): every money figure of this response is in it', example: 'USD' });

/** A schema also used inside others, as a response of its own: with the currency beside its money. */
export function withCurrency<T extends z.ZodObject>(schema: T, id: string) {
  return schema.extend({ currency: Currency }).meta({ id });
}

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

/** A rate input: a decimal string from 0 to 100 with at most two places (NUMERIC(5,2)). */
export const PercentInput = z
  .string({ error: 'must be a decimal string such as "12.50"' })
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a decimal string such as "12.50"')
  .refine((v) => Number(v) <= 100, 'must be at most 100')
  .meta({ example: '7.50' });

/** A UTF-16 surrogate without its pair: not a character, and PostgreSQL would store a replacement. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Marks and embeddings that reorder how text around them is displayed. */
const BIDI_CONTROL = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** Invisible format characters (Unicode category Cf: zero-width spaces and joiners, bidi controls…). */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

const wellFormed = (value: string) => !UNPAIRED_SURROGATE.test(value);
const NOT_WELL_FORMED = { message: 'must be well-formed Unicode (no unpaired surrogates)', abort: true };
const NO_BIDI = 'must not contain bidirectional control characters';

/**
 * A name people read (of a directory, developer, company, app, business, place): well-formed,
 * NFC-normalised and trimmed, with no bidirectional controls and something visible once the
 * invisible format characters are set aside.
 */
export function Name(max: number) {
  return z
    .string()
    .refine(wellFormed, NOT_WELL_FORMED)
    .normalize('NFC')
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !BIDI_CONTROL.test(value), NO_BIDI)
    .refine((value) => value.replace(FORMAT_CHARACTERS, '').trim() !== '', 'must contain visible characters');
}

/** Free text (a description): well-formed, NFC-normalised and trimmed. */
export function FreeText(max: number) {
  return z.string().refine(wellFormed, NOT_WELL_FORMED).normalize('NFC').trim().max(max);
}

/** A link shown to people: http(s), well-formed, and no bidirectional controls to disguise where it leads. */
export function WebUrl(max = 500) {
  return z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(max)
    .refine(wellFormed, NOT_WELL_FORMED)
    .refine((value) => !BIDI_CONTROL.test(value), NO_BIDI);
}

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

export const ApiProduct = z.enum(['cmal', 'voice', 'susu', 'fraud']);
export const PricingTier = z.enum(['starter', 'growth', 'technical_partner']);
export const TechnicalPartnerStatus = z.enum(['pending', 'active', 'suspended']);

/** An opaque cursor around a sort key. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * A list's cursor: the base64url of the JSON array `encodeCursor` gave out, checked against the
 * list's exact sort key. Anything else (not base64url, not JSON, other types or length, a value
 * the database cannot take) is a 400 naming `query.cursor`, never page one or a database error.
 */
export function cursorOf<T extends z.ZodTuple>(sortKey: T) {
  return z
    .string()
    .max(200)
    .transform((value, ctx): z.output<T> => {
      const decoded = decodeJson(value);
      const result = sortKey.safeParse(decoded);
      // Buffer decoding skips stray characters: only the canonical encoding of the key is one.
      if (!result.success || encodeCursor(decoded as unknown[]) !== value) {
        ctx.addIssue({ code: 'custom', message: 'is not a cursor this list gave out; use next_cursor as it came' });
        return z.NEVER;
      }
      return result.data;
    })
    .optional()
    .meta({ description: 'The next_cursor of the previous page' });
}

function decodeJson(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** An instant as `toISOString` writes it, and one the database can store (years 0001–9999). */
export const CursorInstant = z
  .string()
  .regex(/^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  .refine((value) => !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value);

/** A cursor after (time, id): newest-first lists. */
export const TimeIdCursor = cursorOf(z.tuple([CursorInstant, z.guid()]));

/** A cursor after an id: lists in id order. */
export const IdCursor = cursorOf(z.tuple([z.guid()]));

/** `limit` and a newest-first `cursor`; a list ordered otherwise overrides `cursor`. */
export const PaginationQuery = z.object({
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100).default(25),
  cursor: TimeIdCursor,
});
