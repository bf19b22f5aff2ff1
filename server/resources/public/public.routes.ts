import { type Request, type Response, Router } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Knex } from 'knex';
import { AppError } from '../../errors.ts';
import type { Api } from '../../http/api.ts';
import { type PoolFeed, STREAM_REPLAY_LIMIT } from './pool-feed.ts';
import * as schemas from './public.schemas.ts';
import * as service from './public.service.ts';

export interface PublicRouteOptions {
  knex: Knex;
  feed: PoolFeed;
  heartbeatMs: number;
  /** Streams one client address may hold open at once; past it, 429. */
  streamsPerClient: number;
  /** Reconnects asking for a replay (Last-Event-ID) one client address may make per minute; past it, 429. */
  replaysPerMinute: number;
}

const CACHE = 'public, max-age=15, stale-while-revalidate=60';

/**
 * Unsent bytes a stream may hold in the process (beyond what the operating system buffers for
 * the socket) before it is cut. A reader that keeps up never comes near it; one that stopped
 * reading would otherwise make the process hold every later entry for it. Above the largest
 * burst a healthy reader gets at once (a replay of STREAM_REPLAY_LIMIT entries).
 */
export const STREAM_BUFFER_LIMIT_BYTES = 2 * 1024 * 1024;
/** How long a stream may wait for its socket to drain before it is cut. */
export const STREAM_DRAIN_TIMEOUT_MS = 30_000;
/** Retry-After of a client refused for holding too many streams. */
const STREAM_RETRY_AFTER_S = 5;

/** Counts each client address's open streams; `take` returns the release, or nothing past the cap. */
function streamSlots(perClient: number) {
  const open = new Map<string, number>();
  return {
    take(client: string): (() => void) | undefined {
      const count = open.get(client) ?? 0;
      if (count >= perClient) return undefined;
      open.set(client, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (open.get(client) ?? 1) - 1;
        if (left > 0) open.set(client, left);
        else open.delete(client);
      };
    },
  };
}

/** Counts each client address's replays in a one-minute window; `take` is false past the limit. */
function replayBudget(perMinute: number) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    /** Seconds until the address may replay again, or 0 when this replay is allowed (and counted). */
    take(client: string, now = Date.now()): number {
      if (windows.size > 10_000) for (const [key, w] of windows) if (w.resetAt <= now) windows.delete(key);
      let window = windows.get(client);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + 60_000 };
        windows.set(client, window);
      }
      if (window.count >= perMinute) return Math.max(1, Math.ceil((window.resetAt - now) / 1_000));
      window.count++;
      return 0;
    },
  };
}

/** The client's address; IPv6 addresses count per /56 network, as in the per-IP rate limit. */
const clientOf = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

/** The public audience: no credentials, CORS open, rate limited, cacheable (ETag + Cache-Control). */
export function publicRoutes(api: Api, { knex, feed, heartbeatMs, streamsPerClient, replaysPerMinute }: PublicRouteOptions): Router {
  const router = Router();
  const slots = streamSlots(streamsPerClient);
  const replays = replayBudget(replaysPerMinute);
  const cacheable = (res: Response) => res.set('Cache-Control', CACHE);

  api.route(router, {
    method: 'get',
    path: '/v1/public/ecosystem/impact',
    audience: 'public',
    tag: 'Public',
    cache: true,
    summary: 'Ecosystem impact totals and the value-flow figures',
    response: schemas.EcosystemImpact,
    async handler({ res }) {
      cacheable(res);
      return service.ecosystemImpact(knex);
    },
  });

  api.route(router, {
    method: 'get',
    path: '/v1/public/ecosystem/growth',
    audience: 'public',
    tag: 'Public',
    cache: true,
    summary: 'Ecosystem size per month (running totals)',
    query: schemas.GrowthQuery,
    response: schemas.Growth,
    async handler({ query, res }) {
      cacheable(res);
      return service.growth(knex, query.months);
    },
  });

  api.route(router, {
    method: 'get',
    path: '/v1/public/showcase/apps',
    audience: 'public',
    tag: 'Public',
    cache: true,
    summary: 'Partner-powered apps with their contributing directories',
    description: 'An app is partner-powered once it has read partner-referred business data. Newest first; page with next_cursor.',
    query: schemas.ShowcaseQuery,
    response: schemas.Showcase,
    async handler({ query, res }) {
      cacheable(res);
      return service.showcase(knex, query);
    },
  });

  api.route(router, {
    method: 'get',
    path: '/v1/public/apps/:appId/badge',
    audience: 'public',
    tag: 'Public',
    cache: true,
    summary: 'What the Partner-Powered badge shows for one app',
    params: schemas.AppIdParams,
    response: schemas.Badge,
    errors: { 404: 'No such app' },
    async handler({ params, res }) {
      cacheable(res);
      return service.badge(knex, params.appId);
    },
  });

  api.route(router, {
    method: 'get',
    path: '/v1/public/feed',
    audience: 'public',
    tag: 'Public',
    cache: true,
    summary: 'Partner-contributed businesses by category and place, and the newest ones',
    query: schemas.FeedQuery,
    response: schemas.Feed,
    async handler({ query, res }) {
      cacheable(res);
      return service.feed(knex, query.newest, query.cities);
    },
  });

  api.route(router, {
    method: 'get',
    path: '/v1/public/feed/stream',
    audience: 'public',
    tag: 'Public',
    summary: 'Server-Sent Events: each business entering the data pool',
    description:
      'Each event is `event: business`, `id: <event id>`, `data: <PoolEntry JSON>`. Comments are heartbeats. ' +
      `Reconnect with Last-Event-ID to receive what was missed: at most the newest ${STREAM_REPLAY_LIMIT} events after it ` +
      '(an older gap is for GET /v1/public/feed to fill). Reconnects with Last-Event-ID count against a per-address limit ' +
      '(STREAM_REPLAYS_PER_MINUTE; past it, 429 with Retry-After). ' +
      'A client address may hold a few streams at once (STREAMS_PER_CLIENT); a stream whose reader stops reading is closed.',
    headers: schemas.StreamHeaders,
    response: { stream: 'An endless text/event-stream of PoolEntry events' },
    async handler({ headers, req, res }) {
      if (res.destroyed) return; // the client left before the route was reached
      if (headers['last-event-id']) {
        const wait = replays.take(clientOf(req));
        if (wait > 0) {
          res.set('Retry-After', String(wait));
          throw new AppError('rate_limited', `Too many replaying reconnects from this address (at most ${replaysPerMinute} a minute); retry in ${wait} s`);
        }
      }
      const release = slots.take(clientOf(req));
      if (!release) {
        res.set('Retry-After', String(STREAM_RETRY_AFTER_S));
        throw new AppError(
          'rate_limited',
          `Too many open streams from this address (at most ${streamsPerClient}); close one or retry in ${STREAM_RETRY_AFTER_S} s`,
        );
      }
      // Whatever the stream holds is released when the response closes, however and whenever
      // that happens, including while it is still opening below.
      const closed = new AbortController();
      let heartbeat: NodeJS.Timeout | undefined;
      let drainDeadline: NodeJS.Timeout | undefined;
      const teardown = () => {
        if (closed.signal.aborted) return;
        closed.abort(); // unsubscribes from the feed
        clearInterval(heartbeat);
        clearTimeout(drainDeadline);
        release();
      };
      res.once('close', teardown);
      // A reader that stopped reading is cut; it resumes with Last-Event-ID once it reads again.
      const cut = () => {
        teardown();
        res.destroy();
      };
      res.on('drain', () => {
        clearTimeout(drainDeadline);
        drainDeadline = undefined;
      });
      const write = (chunk: string) => {
        if (closed.signal.aborted) return;
        if (res.write(chunk)) return;
        if (res.writableLength > STREAM_BUFFER_LIMIT_BYTES) return cut();
        drainDeadline ??= setTimeout(cut, STREAM_DRAIN_TIMEOUT_MS);
      };

      const lastEventId = headers['last-event-id'] ? Number(headers['last-event-id']) : undefined;
      let sentUpTo = lastEventId ?? (await service.latestPoolEventId(knex));
      if (closed.signal.aborted) return;
      const pending: schemas.PoolEntry[] = [];
      let replaying = true;
      const send = (entry: schemas.PoolEntry) => {
        if (Number(entry.event_id) <= sentUpTo) return;
        sentUpTo = Number(entry.event_id);
        write(`id: ${entry.event_id}\nevent: business\ndata: ${JSON.stringify(entry)}\n\n`);
      };
      // Subscribe before reading the backlog so nothing falls between the two.
      await feed.subscribe((entry) => (replaying ? pending.push(entry) : send(entry)), closed.signal);
      if (closed.signal.aborted) return;
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      write('retry: 3000\n\n');
      heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
      try {
        if (lastEventId !== undefined) {
          const missed = await service.newestPoolEntriesAfter(knex, lastEventId, STREAM_REPLAY_LIMIT);
          missed.forEach(send);
        }
      } finally {
        replaying = false;
        pending.splice(0).forEach(send);
      }
    },
  });

  return router;
}
