import { define } from '../internal/define.ts';
import type { PublicBusiness } from './live-business-feed.api.ts';
import { LiveBusinessFeed } from './live-business-feed.ts';

export type { Feed, PoolEntry, PublicBusiness } from './live-business-feed.api.ts';
export { LiveBusinessFeed };

define('live-business-feed', LiveBusinessFeed);

declare global {
  interface HTMLElementTagNameMap {
    'live-business-feed': LiveBusinessFeed;
  }
  interface HTMLElementEventMap {
    'business-arrived': CustomEvent<{ business: PublicBusiness }>;
    'feed-pause-change': CustomEvent<{ paused: boolean }>;
  }
}
