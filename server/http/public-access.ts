import cors from 'cors';
import type { Request, RequestHandler, Response } from 'express';
import { type ClientRateLimitInfo, type IncrementResponse, ipKeyGenerator, MemoryStore, type Options, type Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { RedisClient } from '../redis.ts';
import { sendError } from './error-handler.ts';

/** CORS open to every origin, for read-only embeds (no credentials are ever accepted there). */
export const openCors: RequestHandler = cors({
  origin: '*',
  methods: ['GET', 'HEAD', 'OPTIONS'],
  allowedHeaders: ['Last-Event-ID', 'If-None-Match', 'Accept', 'Accept-Language'],
  exposedHeaders: ['ETag', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'X-Request-Id'],
  maxAge: 86_400,
});

export interface PerIpLimitOptions {
  logger: Logger;
  /** Counts in this Redis, shared by every process that uses it with the same prefix. */
  redis?: RedisClient | undefined;
  /** Prefix of this limit's Redis keys (a deployment's prefix plus the limit's name). */
  prefix?: string | undefined;
}

const WINDOW_MS = 60_000;

/** One address's count under a limit, as its store answered it. */
interface Counted {
  totalHits: number;
  resetTime: Date | undefined;
}

/**
 * A per-IP limit over a minute, answered with the error shape, 429 and Retry-After, and
 * announced in `RateLimit` / `RateLimit-Policy` headers (IETF draft 7). Without Redis the counts
 * live in the process: behind a load balancer each process limits its own share. With Redis
 * they are global; should Redis fail, each process falls back to its own counts (logged once
 * per outage) rather than refusing visitors or letting them through unlimited. Should even the
 * fallback fail, the request is served (and the error logged) rather than answered 500.
 *
 * It keys, counts and answers as express-rate-limit did (same store, same key for an address,
 * same headers), without its per-request machinery: every /v1 request passes here, and that
 * machinery cost more than the count itself (docs/PERFORMANCE.md §1).
 */
export class PerIpLimit {
  readonly store: Store;
  readonly #policy: string;

  constructor(
    readonly limitPerMinute: number,
    private readonly options: PerIpLimitOptions,
  ) {
    this.store = countsStore(options.redis, options.prefix ?? 'rl:', options.logger);
    this.#policy = `${limitPerMinute};w=${WINDOW_MS / 1000}`;
    // the store's own clock (MemoryStore's reset timer; Redis key expiry) runs on this window
    const init = this.store.init?.({ windowMs: WINDOW_MS } as Options) as Promise<void> | undefined;
    init?.catch?.((error: unknown) => options.logger.error({ err: error }, 'rate limit store failed to start'));
  }

  /** Counts one request of the caller's address; undefined if the store failed (the request then passes). */
  async count(req: Request): Promise<Counted | undefined> {
    try {
      // IPv6 addresses count per /56, as express-rate-limit keys them
      const { totalHits, resetTime } = await this.store.increment(ipKeyGenerator(req.ip ?? 'unknown'));
      return { totalHits, resetTime };
    } catch (error) {
      this.options.logger.error({ err: error }, 'rate limit store failed; request allowed without a count');
      return undefined;
    }
  }

  /** Whether a count is past the limit. */
  exceeded(counted: Counted | undefined): counted is Counted {
    return counted !== undefined && counted.totalHits > this.limitPerMinute;
  }

  /** Announces the count in the response headers; past the limit, answers 429 and returns true. */
  answer(res: Response, counted: Counted | undefined): boolean {
    if (!counted || res.headersSent) return false;
    const seconds = counted.resetTime ? Math.ceil((counted.resetTime.getTime() - Date.now()) / 1000) : WINDOW_MS / 1000;
    res.setHeader('RateLimit-Policy', this.#policy);
    res.setHeader(
      'RateLimit',
      `limit=${this.limitPerMinute}, remaining=${Math.max(this.limitPerMinute - counted.totalHits, 0)}, reset=${Math.max(0, seconds)}`,
    );
    if (counted.totalHits <= this.limitPerMinute) return false;
    const retry = Math.max(1, seconds);
    res.setHeader('Retry-After', String(retry));
    sendError(res, new AppError('rate_limited', `Too many requests; retry in ${retry} s`));
    return true;
  }

  /** The limit as a middleware of its own. */
  readonly middleware: RequestHandler = (req, res, next) => {
    this.count(req)
      .then((counted) => {
        if (!this.answer(res, counted)) next();
      })
      .catch(next);
  };
}

/** A per-IP limit as a middleware (see PerIpLimit). */
export function perIpLimit(limitPerMinute: number, options: PerIpLimitOptions): RequestHandler {
  return new PerIpLimit(limitPerMinute, options).middleware;
}

/** A path under /v1 (the mount point stripped) that belongs to the public API; routes match case-insensitively. */
const PUBLIC_PATH = /^\/public(?:\/|$)/i;

/**
 * The limits of /v1, as one middleware mounted there: every request counts against `api`; a
 * request of the public API then gets open CORS (a preflight is answered there) and counts
 * against `publicApi` too, and the response announces the public count. The same order, counts
 * and answers as the two limiters this replaces (one on /v1, one on /v1/public after CORS), with
 * one pass instead of two.
 */
export function apiLimits(api: PerIpLimit, publicApi: PerIpLimit): RequestHandler {
  return (req, res, next) => {
    const isPublic = PUBLIC_PATH.test(req.path);
    api
      .count(req)
      .then((counted) => {
        if (!isPublic || api.exceeded(counted)) {
          if (!api.answer(res, counted)) next();
          return;
        }
        openCors(req, res, (error?: unknown) => {
          if (error) return next(error);
          publicApi
            .count(req)
            .then((publicCounted) => {
              if (!(publicCounted ? publicApi.answer(res, publicCounted) : api.answer(res, counted))) next();
            })
            .catch(next);
        });
      })
      .catch(next);
  };
}

/** A Redis command may take this long before the request goes on with the process's own count. */
const REDIS_COMMAND_TIMEOUT_MS = 500;

/** Per-address counts for a limit: in Redis when there is one, else in the process. */
export function countsStore(redis: RedisClient | undefined, prefix: string, logger: Logger): Store {
  return redis ? new SharedCounts(redis, prefix, logger) : new MemoryStore();
}

/** Counts in Redis; while Redis fails, in the process (the behaviour without Redis). */
class SharedCounts implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  private readonly shared: RedisStore;
  private readonly local = new MemoryStore();
  private failing = false;
  /** The store keeps its script's load as a promise: one that failed must be redone, not awaited again. */
  private reloadScript = false;

  constructor(
    redis: RedisClient,
    prefix: string,
    private readonly logger: Logger,
  ) {
    this.prefix = prefix;
    this.shared = new RedisStore({
      prefix,
      sendCommand: (...args: string[]) => redis.sendCommand(args, { timeout: REDIS_COMMAND_TIMEOUT_MS }),
    });
  }

  async init(options: Options): Promise<void> {
    this.local.init(options);
    await this.shared.init(options).catch((error: unknown) => this.fellBack(error));
  }

  async increment(key: string): Promise<IncrementResponse> {
    try {
      if (this.reloadScript) {
        this.reloadScript = false;
        this.shared.incrementScriptSha = this.shared.loadIncrementScript();
      }
      const counted = await this.shared.increment(key);
      if (this.failing) this.logger.info('rate limits counted in Redis again');
      this.failing = false;
      return counted;
    } catch (error) {
      this.fellBack(error);
      return this.local.increment(key);
    }
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    try {
      return await this.shared.get(key);
    } catch (error) {
      this.fellBack(error);
      return this.local.get(key);
    }
  }

  async decrement(key: string): Promise<void> {
    await Promise.allSettled([this.shared.decrement(key), this.local.decrement(key)]);
  }

  async resetKey(key: string): Promise<void> {
    await Promise.allSettled([this.shared.resetKey(key), this.local.resetKey(key)]);
  }

  shutdown(): void {
    this.local.shutdown();
  }

  private fellBack(error: unknown): void {
    if (!this.failing) this.logger.warn({ err: error }, 'rate limits cannot reach Redis: counting in this process until it answers');
    this.failing = true;
    this.reloadScript = true;
  }
}
