import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import type { Api } from '../../http/api.ts';
import type { PoolFeed } from './pool-feed.ts';
import * as schemas from './public.schemas.ts';
import * as service from './public.service.ts';
import { latestPoolEventId, poolEntriesAfter } from './public.repository.ts';

export interface PublicRouteOptions {
  knex: Knex;
  feed: PoolFeed;
  heartbeatMs: number;
}

const CACHE = 'public, max-age=15, stale-while-revalidate=60';
const BACKLOG_LIMIT = 1_000;

/** The public audience: no credentials, CORS open, rate limited, cacheable (ETag + Cache-Control). */
export function publicRoutes(api: Api, { knex, feed, heartbeatMs }: PublicRouteOptions): Router {
  const router = Router();
  const cacheable = (res: Response) => res.set('Cache-Control', CACHE);

  api.route(router, {
    method: 'get', path: '/v1/public/ecosystem/impact', audience: 'public', tag: 'Public',
    summary: 'Ecosystem impact totals and the value-flow figures',
    response: schemas.EcosystemImpact,
    async handler({ res }) {
      cacheable(res);
      return service.ecosystemImpact(knex);
    },
  });

  api.route(router, {
    method: 'get', path: '/v1/public/ecosystem/growth', audience: 'public', tag: 'Public',
    summary: 'Ecosystem size per month (running totals)',
    query: schemas.GrowthQuery,
    response: schemas.Growth,
    async handler({ query, res }) {
      cacheable(res);
      return service.growth(knex, query.months);
    },
  });

  api.route(router, {
    method: 'get', path: '/v1/public/showcase/apps', audience: 'public', tag: 'Public',
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
    method: 'get', path: '/v1/public/apps/:appId/badge', audience: 'public', tag: 'Public',
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
    method: 'get', path: '/v1/public/feed', audience: 'public', tag: 'Public',
    summary: 'Partner-contributed businesses by category and place, and the newest ones',
    query: schemas.FeedQuery,
    response: schemas.Feed,
    async handler({ query, res }) {
      cacheable(res);
      return service.feed(knex, query.newest, query.cities);
    },
  });

  api.route(router, {
    method: 'get', path: '/v1/public/feed/stream', audience: 'public', tag: 'Public',
    summary: 'Server-Sent Events: each business entering the data pool',
    description:
      'Each event is `event: business`, `id: <event id>`, `data: <PoolEntry JSON>`. Comments are heartbeats. ' +
      'Reconnect with Last-Event-ID to receive what was missed (up to 1,000 events).',
    headers: schemas.StreamHeaders,
    response: { stream: 'An endless text/event-stream of PoolEntry events' },
    async handler({ headers, req, res }) {
      const lastEventId = headers['last-event-id'] ? Number(headers['last-event-id']) : undefined;
      const pending: schemas.PoolEntry[] = [];
      let replaying = true;
      let sentUpTo = lastEventId ?? (await latestPoolEventId(knex));
      const send = (entry: schemas.PoolEntry) => {
        if (Number(entry.event_id) <= sentUpTo) return;
        sentUpTo = Number(entry.event_id);
        res.write(`id: ${entry.event_id}\nevent: business\ndata: ${JSON.stringify(entry)}\n\n`);
      };
      // Subscribe before reading the backlog so nothing falls between the two.
      const unsubscribe = await feed.subscribe((entry) => (replaying ? pending.push(entry) : send(entry)));
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write('retry: 3000\n\n');
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
      req.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
      try {
        if (lastEventId !== undefined) {
          const missed = await poolEntriesAfter(knex, lastEventId, BACKLOG_LIMIT);
          missed.map(service.toPoolEntry).forEach(send);
        }
      } finally {
        replaying = false;
        pending.forEach(send);
      }
    },
  });

  return router;
}
