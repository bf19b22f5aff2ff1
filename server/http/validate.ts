import type { z } from 'zod';
import { AppError } from '../errors.ts';

export type InputLocation = 'body' | 'query' | 'params' | 'headers';

/** How deeply a request's JSON may nest; deeper is refused before anything walks it. */
export const MAX_DEPTH = 64;

type Finding = { kind: 'nul' | 'depth'; path: string[] };

/**
 * The path of the first string (or key) holding a NUL character, which PostgreSQL text cannot
 * store, or of the first value nested deeper than MAX_DEPTH. Iterative, so no input can
 * exhaust the call stack.
 */
function inspect(value: unknown): Finding | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: string[] };
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return { kind: 'nul', path };
      continue;
    }
    if (!current || typeof current !== 'object') continue;
    if (path.length >= MAX_DEPTH) return { kind: 'depth', path: path.slice(0, MAX_DEPTH) };
    const entries = Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, inner] = entries[i] as [string, unknown];
      if (key.includes('\u0000')) return { kind: 'nul', path: [...path, key] };
      stack.push({ value: inner, path: [...path, key] });
    }
  }
  return undefined;
}

/** A refusal of one field, in the same shape as a schema's (for rules that need the database). */
export function invalidInput(location: InputLocation, field: string, message: string): AppError {
  return new AppError('validation_failed', `Invalid request: ${location}.${field}: ${message}`, [{ location, field, message }]);
}

/** Parses one part of a request; a failure names every bad field and where it was. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, location: InputLocation): z.output<S> {
  const found = inspect(value);
  if (found) {
    const message = found.kind === 'nul' ? 'must not contain NUL characters' : `must not nest more than ${MAX_DEPTH} levels deep`;
    const field = found.kind === 'nul' ? found.path.join('.') || null : null;
    throw new AppError('validation_failed', `Invalid request: ${location}${field ? `.${field}` : ''}: ${message}`, [{ location, field, message }]);
  }
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    location,
    field: issue.path.map(String).join('.') || null,
    message: issue.message,
  }));
  const named = issues.map((i) => (i.field ? `${location}.${i.field}: ${i.message}` : `${location}: ${i.message}`));
  throw new AppError('validation_failed', `Invalid request: ${named.join('; ')}`, issues);
}
