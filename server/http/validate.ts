import type { z } from 'zod';
import { AppError } from '../errors.ts';

export type InputLocation = 'body' | 'query' | 'params' | 'headers';

/** Parses one part of a request; a failure names every bad field and where it was. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, location: InputLocation): z.output<S> {
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
