import { type Logger, pino } from 'pino';

export type { Logger };

/** Secrets may arrive in these places; pino replaces them before anything is written. */
const REDACT = [
  'req.headers.authorization',
  'req.headers["idempotency-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.secret',
  '*.apiKey',
  '*.token',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } });
}
