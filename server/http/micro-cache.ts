import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';

/** A weak ETag in the form Express itself produces, so either may answer If-None-Match. */
const etag = (body: string) => {
  const length = Buffer.byteLength(body);
  return `W/"${length.toString(16)}-${createHash('sha1').update(body).digest('base64').slice(0, 27)}"`;
};

interface Entry {
  expires: number;
  /** From then on, one request recomputes the entry while the others are still answered from it. */
  refresh: number;
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** The last part of an entry's life in which one request recomputes it ahead of its expiry. */
const REFRESH_AHEAD = 0.25;

/**
 * Caches successful GET responses in the process for a moment. Every page view of every partner
 * site reads the same few public aggregates; within `ttlMs` they are answered from memory (ETag
 * and 304 still apply). In the last quarter of an entry's life, one request recomputes it while
 * the others are still answered from it, so a busy entry is renewed before it expires and nobody
 * waits; an entry that did expire (a route nobody asked for a while) is recomputed by one request
 * while the requests arriving meanwhile wait for its answer, instead of all querying the
 * database at once. Nothing is served past its `ttlMs`. Errors are never cached (the waiting
 * requests then compute their own answer). ttlMs = 0 turns it off.
 *
 * It is installed per route, only on routes that opt in (`cache: true` in `Api.route`): a route
 * whose response never ends (the live stream) must never pass through it, or every request
 * arriving after the first would wait for an answer that never comes.
 */
export function microCache(ttlMs: number, maxEntries = 500): RequestHandler {
  const entries = new Map<string, Entry>();
  const waiting = new Map<string, (() => void)[]>();
  return (req, res, next) => {
    if (ttlMs <= 0 || req.method !== 'GET') return next();
    const key = req.originalUrl;
    const serve = (entry: Entry) => {
      res.status(entry.status).set(entry.headers).set('X-Cache', 'hit');
      res.send(entry.body); // express answers 304 when the ETag matches
    };
    const hit = entries.get(key);
    const now = Date.now();
    // Near its expiry, one request recomputes a live entry while the others are still answered
    // from it: otherwise, once a second, every request arriving during the recompute waits for it.
    if (hit && hit.expires > now && (hit.refresh > now || waiting.has(key))) return serve(hit);
    const queue = waiting.get(key);
    if (queue) {
      queue.push(() => {
        const entry = entries.get(key);
        if (entry && entry.expires > Date.now()) serve(entry);
        else next();
      });
      return;
    }
    waiting.set(key, []);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const followers = waiting.get(key) ?? [];
      waiting.delete(key);
      for (const follow of followers) follow();
    };
    res.once('finish', release);
    res.once('close', release);
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (res.statusCode === 200 && typeof body === 'string' && res.get('Content-Type')?.startsWith('application/json')) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(key, {
          expires: Date.now() + ttlMs,
          refresh: Date.now() + ttlMs * (1 - REFRESH_AHEAD),
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
