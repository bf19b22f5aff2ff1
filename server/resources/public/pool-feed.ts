import type { Database } from '../../db/database.ts';
import type { Logger } from '../../logger.ts';
import { POOL_CHANNEL } from '../../summaries/summaries.ts';
import type { PoolEntry } from './public.schemas.ts';
import { toPoolEntry } from './public.service.ts';

type Subscriber = (entry: PoolEntry) => void;

/**
 * One LISTEN per API process on the pool channel, fanned out to every open stream. Writers
 * NOTIFY inside their transaction, so every process (behind a load balancer) hears each
 * committed entry once. Listening starts with the first subscriber.
 */
export class PoolFeed {
  private readonly subscribers = new Set<Subscriber>();
  private listening?: Promise<() => Promise<void>>;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  async subscribe(subscriber: Subscriber): Promise<() => void> {
    this.listening ??= this.db.listen(POOL_CHANNEL, (payload) => this.dispatch(payload));
    try {
      await this.listening;
    } catch (error) {
      this.listening = undefined; // try again with the next subscriber
      throw error;
    }
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  get size(): number {
    return this.subscribers.size;
  }

  private dispatch(payload: string) {
    let entry: PoolEntry;
    try {
      const parsed = JSON.parse(payload) as { id: number; entered_at: string; business: PoolEntry['business'] };
      entry = toPoolEntry({ event_id: parsed.id, entered_at: new Date(parsed.entered_at), business: parsed.business });
    } catch (error) {
      this.logger.error({ err: error }, 'unreadable pool notification');
      return;
    }
    for (const subscriber of this.subscribers) subscriber(entry);
  }
}
