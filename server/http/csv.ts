import type { Request, Response } from 'express';

/** A decimal number as SQL wrote it: a spreadsheet reads it as a number, never as a formula. */
const DECIMAL = /^-?\d+(\.\d+)?$/;
/** What a spreadsheet may take for the start of a formula (and the tab and carriage return that hide one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
 * Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
 * return) gets a leading apostrophe first; a plain decimal such as -12.50 stays as it is.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text) && !DECIMAL.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, ended with CRLF as RFC 4180 says. */
export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/**
 * Whether the client asked for CSV: `format=csv` in the query, or, without a `format`, an Accept
 * header that prefers text/csv to application/json.
 */
export function wantsCsv(req: Request, format: 'json' | 'csv' | undefined): boolean {
  if (format) return format === 'csv';
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

/** Starts a CSV download: the type, the file name, and no caching of private figures. */
export function startCsv(res: Response, filename: string): void {
  res.set({
    'Content-Type': 'text/csv; charset=utf-8; header=present',
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'private, no-store',
  });
}

/**
 * Writes a chunk and, when the socket's buffer is full, waits until it drains (or the client has
 * gone): what the server holds stays bounded however fast the database answers. False when the
 * client has gone.
 */
export async function writeChunk(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(chunk)) {
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }
  return !res.destroyed;
}
