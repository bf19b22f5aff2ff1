import type { ApiResponses } from '../internal/api-schema.ts';
import { expectEach, expectShape } from '../internal/shape.ts';

/** The answer of `GET /v1/public/feed`. */
export type Feed = ApiResponses['GET /v1/public/feed'];
/** A business entering the data pool: an item of `newest` and the data of each streamed event. */
export type PoolEntry = Feed['newest'][number];
/** A business as the public may see it. */
export type PublicBusiness = PoolEntry['business'];

export function parsePoolEntry(json: unknown): PoolEntry {
  const entry = expectShape<PoolEntry>(json, { event_id: 'string', entered_at: 'string' });
  expectShape<PublicBusiness>(entry.business, {
    id: 'string',
    business_name: 'string',
    category: 'string',
    city: 'string',
    state: 'string',
    average_rating: 'number?',
    referring_directory: 'string',
  });
  return entry;
}

// expectShape and expectEach also check that each object and list is one.
export function parseFeed(json: unknown): Feed {
  const feed = expectShape<Feed>(json, { total_businesses: 'number' });
  expectEach<Feed['by_category'][number]>(feed.by_category, { category: 'string', businesses: 'number' });
  for (const state of expectEach<Feed['by_state'][number]>(feed.by_state, { state: 'string', businesses: 'number' })) {
    expectEach(state.cities, { city: 'string', businesses: 'number' });
  }
  expectEach(feed.newest, {}).forEach(parsePoolEntry);
  return feed;
}
