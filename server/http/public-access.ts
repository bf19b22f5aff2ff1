import cors from 'cors';
import type { RequestHandler } from 'express';
import { type ClientRateLimitInfo, type IncrementResponse, MemoryStore, type Options, rateLimit, type Store } from 'express-rate-limit';
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

/**
 * A per-IP limit, answered with the error shape, 429 and Retry-After. Without Redis the counts
 * live in the process: behind a load balancer each process limits its own share. With Redis
 * they are global; should Redis fail, each process falls back to its own counts (logged once
 * per outage) rather than refusing visitors or letting them through unlimited.
 */
export function perIpLimit(limitPerMinute: number, { logger, redis, prefix = 'rl:' }: PerIpLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: limitPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(redis ? { store: new SharedCounts(redis, prefix, logger) } : {}),
    // only if even the fallback fails: serve rather than answer 500
    passOnStoreError: true,
    logger: {
      error: (error, message) => logger.error({ err: error }, message ?? 'rate limiter error'),
      warn: (error, message) => logger.warn({ err: error }, message ?? 'rate limiter warning'),
    },
    handler(req, res) {
      const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60;
      res.set('Retry-After', String(seconds));
      sendError(res, new AppError('rate_limited', `Too many requests; retry in ${seconds} s`));
    },
  });
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
