import { ApiFailure, isRecord } from './api-client.ts';

/**
 * Minimal checks that an answer has the shape a widget renders, so a proxy's HTML page or a
 * truncated body shows the error state instead of "undefined" or a thrown TypeError. Only the
 * fields a widget reads are checked; the full contract is the OpenAPI document.
 */
export type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'string?' | 'number?' | 'object?';

export function expectShape<T>(value: unknown, fields: Record<string, Kind>): T {
  if (!isRecord(value)) throw malformed('not an object');
  for (const [key, kind] of Object.entries(fields)) {
    const field = value[key];
    const optional = kind.endsWith('?');
    if (optional && field === null) continue;
    const type = kind.replace('?', '');
    const ok = type === 'array' ? Array.isArray(field) : type === 'object' ? isRecord(field) : typeof field === type;
    if (!ok) throw malformed(`field ${key} is not ${type}`);
  }
  return value as T;
}

/** Checks every item of an array field. */
export function expectEach<T>(items: unknown, fields: Record<string, Kind>): T[] {
  if (!Array.isArray(items)) throw malformed('not a list');
  return items.map((item) => expectShape<T>(item, fields));
}

const malformed = (why: string) => new ApiFailure('malformed', why);
