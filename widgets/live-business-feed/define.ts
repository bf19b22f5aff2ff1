import { define } from '../internal/define.ts';
import { LiveBusinessFeed } from './live-business-feed.ts';

export { LiveBusinessFeed };
export type { Feed, PoolEntry, PublicBusiness } from './live-business-feed.ts';
define('live-business-feed', LiveBusinessFeed);
