import { ApiFailure, isRecord } from './api-client.ts';

/**
 * Minimal checks that an answer has the shape a widget renders, so a proxy's HTML page or a
 * truncated body shows the error state instead of "undefined" or a thrown TypeError. Only the
 * fields a widget reads are checked; the full contract is the OpenAPI document.
 *
 * Besides JSON's own types: `decimal` is decimal text such as "1234.50" (money and percentages,
 * which are formatted from the string and must never show as "$NaN"), `month` is "YYYY-MM".
 * A trailing `?` also accepts null.
 */
type Base = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'decimal' | 'month';
export type Kind = Base | `${Base}?`;

/** The field names a check may name: those of the response type, when one is given. */
type Fields<T> = { [K in keyof T]?: Kind };

const text = (pattern: RegExp) => (value: unknown) => typeof value === 'string' && pattern.test(value);
const checks: Partial<Record<Base, (value: unknown) => boolean>> = {
  array: Array.isArray,
  object: isRecord,
  decimal: text(/^-?\d+(\.\d+)?$/),
  month: text(/^\d{4}-(0[1-9]|1[0-2])$/),
};

export function expectShape<T = Record<string, unknown>>(value: unknown, fields: NoInfer<Fields<T>>): T {
  if (!isRecord(value)) throw malformed('not an object');
  for (const [key, kind] of Object.entries(fields) as [string, Kind][]) {
    const field = value[key];
    const type = kind.replace('?', '') as Base;
    // A trailing `?` also accepts null.
    if (!((kind !== type && field === null) || (checks[type]?.(field) ?? typeof field === type))) throw malformed(`${key} is not ${type}`);
  }
  return value as T;
}

/** Checks every item of an array field. */
export function expectEach<T = Record<string, unknown>>(items: unknown, fields: NoInfer<Fields<T>>): T[] {
  if (!Array.isArray(items)) throw malformed('not a list');
  return items.map((item) => expectShape<T>(item, fields));
}

/** Checks that a field holds one of the values the widget knows (a status, a unit). */
export function expectOneOf<T extends string>(value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw malformed(`not one of ${allowed.join(', ')}`);
  return value as T;
}

const malformed = (why: string) => new ApiFailure('malformed', why);
