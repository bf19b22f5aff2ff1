import type { z } from 'zod';
import { AppError } from '../errors.ts';

export type InputLocation = 'body' | 'query' | 'params' | 'headers';

/** The path of the first string holding a NUL character: PostgreSQL text cannot store one. */
function nulPath(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = key.includes('\u0000') ? [...path, key] : nulPath(inner, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Parses one part of a request; a failure names every bad field and where it was. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, location: InputLocation): z.output<S> {
  const nul = nulPath(value);
  if (nul) {
    const field = nul.join('.') || null;
    throw new AppError('validation_failed', `Invalid request: ${location}${field ? `.${field}` : ''}: must not contain NUL characters`, [
      { location, field, message: 'must not contain NUL characters' },
    ]);
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
