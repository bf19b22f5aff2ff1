import { createClient } from 'redis';
import type { Logger } from './logger.ts';

export type RedisClient = ReturnType<typeof createClient>;

export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

export interface RedisOptions {
  url: string;
  logger: Logger;
  /** Attempts before the first connection is given up (backing off from 100 ms to 2 s: 6 ≈ 5 s). */
  startAttempts?: number;
}

/**
 * Connects to Redis for the shared rate-limit counts. The first connection must succeed (a
 * REDIS_URL that never answers is a configuration mistake, refused at start-up); once up, a lost
 * connection is retried for ever, and meanwhile commands fail at once instead of queueing, so
 * a request never waits for Redis.
 */
export async function connectRedis({ url, logger, startAttempts = 6 }: RedisOptions): Promise<RedisClient> {
  let connectedOnce = false;
  let down = false;
  const client: RedisClient = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2_000,
      reconnectStrategy: (retries, cause) => {
        if (!connectedOnce && retries >= startAttempts) return cause;
        return Math.min(100 * 2 ** Math.min(retries, 5), 2_000);
      },
    },
  });
  client.on('error', (error: Error) => {
    // the client emits one per failed attempt; say it once per outage
    if (connectedOnce && !down) logger.warn({ err: error }, 'redis connection lost; rate limits are per process until it returns');
    down = true;
  });
  client.on('ready', () => {
    if (connectedOnce && down) logger.info('redis connection restored');
    down = false;
    connectedOnce = true;
  });
  try {
    await client.connect();
  } catch (error) {
    throw new RedisUnavailableError(`Redis at ${redact(url)} does not answer: ${(error as Error).message}`);
  }
  return client;
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
