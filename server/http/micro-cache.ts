import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';

/** A weak ETag in the form Express itself produces, so either may answer If-None-Match. */
const etag = (body: string) => {
  const length = Buffer.byteLength(body);
  return `W/"${length.toString(16)}-${createHash('sha1').update(body).digest('base64').slice(0, 27)}"`;
};

interface Entry {
  expires: number;
  status: number;
  body: string;
  headers: Record<string, string>;
}

/**
 * Caches successful public GET responses in the process for a moment. Every page view of every
 * partner site reads the same few aggregates; within `ttlMs` they are answered from memory
 * (ETag and 304 still apply). Errors are never cached. ttlMs = 0 turns it off.
 */
export function microCache(ttlMs: number, maxEntries = 500): RequestHandler {
  const entries = new Map<string, Entry>();
  return (req, res, next) => {
    if (ttlMs <= 0 || req.method !== 'GET' || req.headers.accept === 'text/event-stream') return next();
    const key = req.originalUrl;
    const hit = entries.get(key);
    if (hit && hit.expires > Date.now()) {
      res.status(hit.status).set(hit.headers).set('X-Cache', 'hit');
      res.send(hit.body); // express computes the ETag and answers 304 when it matches
      return;
    }
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (res.statusCode === 200 && typeof body === 'string' && res.get('Content-Type')?.startsWith('application/json')) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(key, {
          expires: Date.now() + ttlMs,
          status: 200,
          body,
          // the ETag is computed once per entry, not per hit
          headers: { 'Content-Type': res.get('Content-Type')!, 'Cache-Control': res.get('Cache-Control') ?? 'no-cache', ETag: etag(body) },
        });
      }
      return send(body);
    };
    next();
  };
}
