import type { Database } from '../../db/database.ts';
import type { Logger } from '../../logger.ts';
import { POOL_CHANNEL } from '../../summaries/summaries.ts';
import type { PoolEntry } from './public.schemas.ts';
import { latestPoolEventId, poolEntriesAfter, toPoolEntry } from './public.service.ts';

type Subscriber = (entry: PoolEntry) => void;

/**
 * The most a reconnecting stream replays after its Last-Event-ID: the newest entries after it.
 * Small on purpose: every reconnect asking for a replay reads and writes up to this many.
 */
export const STREAM_REPLAY_LIMIT = 50;
/** Entries this process fetches after its listening session was lost (once per process, not per client). */
const CATCH_UP_LIMIT = 1_000;

/**
 * One LISTEN per API process on the pool channel, fanned out to every open stream. Writers
 * NOTIFY inside their transaction, so every process (behind a load balancer) hears each
 * committed entry once. Listening starts with the first subscriber.
 */
export class PoolFeed {
  private readonly subscribers = new Set<Subscriber>();
  private listening: Promise<() => Promise<void>> | undefined;
  /** The newest entry dispatched: after a lost session, what followed it is fetched. */
  private lastEventId = 0;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  /**
   * Adds a subscriber once the channel is listened to; resolves to its unsubscribe function
   * (calling it again does nothing). With a signal, the subscriber is removed when the signal
   * aborts, and never added when it aborted while listening was being set up.
   */
  async subscribe(subscriber: Subscriber, signal?: AbortSignal): Promise<() => void> {
    this.listening ??= (async () => {
      const unlisten = await this.db.listen(
        POOL_CHANNEL,
        (payload) => this.dispatchPayload(payload),
        () => void this.catchUp(),
      );
      this.lastEventId = Math.max(this.lastEventId, await latestPoolEventId(this.db.knex));
      return unlisten;
    })();
    try {
      await this.listening;
    } catch (error) {
      this.listening = undefined; // try again with the next subscriber
      throw error;
    }
    const unsubscribe = () => {
      this.subscribers.delete(subscriber);
      signal?.removeEventListener('abort', unsubscribe);
    };
    if (signal?.aborted) return unsubscribe;
    this.subscribers.add(subscriber);
    signal?.addEventListener('abort', unsubscribe, { once: true });
    return unsubscribe;
  }

  /** The feed's listening session: 'idle' before the first subscriber, then 'up' or 'down'. */
  status(): 'up' | 'down' | 'idle' {
    return this.db.listening();
  }

  /** Subscribers now: one per open stream of this process. */
  get size(): number {
    return this.subscribers.size;
  }

  private dispatchPayload(payload: string) {
    try {
      const parsed = JSON.parse(payload) as { id: number; entered_at: string; business: PoolEntry['business'] };
      this.dispatch(toPoolEntry({ event_id: parsed.id, entered_at: new Date(parsed.entered_at), business: parsed.business }));
    } catch (error) {
      this.logger.error({ err: error }, 'unreadable pool notification');
    }
  }

  private dispatch(entry: PoolEntry) {
    const id = Number(entry.event_id);
    if (id <= this.lastEventId && this.lastEventId !== 0) return;
    this.lastEventId = id;
    for (const subscriber of this.subscribers) subscriber(entry);
  }

  /** Entries committed while the listening session was down. */
  private async catchUp() {
    try {
      const missed = await poolEntriesAfter(this.db.knex, this.lastEventId, CATCH_UP_LIMIT);
      for (const entry of missed) this.dispatch(entry);
    } catch (error) {
      this.logger.error({ err: error }, 'could not fetch missed pool entries');
    }
  }
}
