import type { Feed, PoolEntry, PublicBusiness } from './live-business-feed.api.ts';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const business = (n: number, name: string, category: string, city: string, state: string, rating: number | null, directory: string): PublicBusiness => ({
  id: uuid(n),
  business_name: name,
  category,
  city,
  state,
  average_rating: rating,
  partner_id: uuid(900 + (n % 3)),
  referring_directory: directory,
});

/** A business entering the pool, as the stream sends it. */
export const entry = (eventId: number, b: PublicBusiness, enteredAt = '2026-11-14T15:42:00Z'): PoolEntry => ({
  event_id: String(eventId),
  entered_at: enteredAt,
  business: b,
});

/** Figures shaped like the API's answer, for tests and stories. */
export const feed: Feed = {
  total_businesses: 1284,
  by_category: [
    { category: 'Restaurants', businesses: 412 },
    { category: 'Home services', businesses: 301 },
    { category: 'Health & beauty', businesses: 268 },
    { category: 'Retail', businesses: 187 },
    { category: 'Professional services', businesses: 116 },
  ],
  by_state: [
    {
      state: 'TX',
      businesses: 498,
      cities: [
        { city: 'Austin', businesses: 211 },
        { city: 'Houston', businesses: 160 },
        { city: 'Dallas', businesses: 127 },
      ],
    },
    {
      state: 'CA',
      businesses: 377,
      cities: [
        { city: 'Oakland', businesses: 190 },
        { city: 'San Diego', businesses: 187 },
      ],
    },
    { state: 'GA', businesses: 256, cities: [{ city: 'Atlanta', businesses: 256 }] },
    {
      state: 'NY',
      businesses: 153,
      cities: [
        { city: 'Brooklyn', businesses: 101 },
        { city: 'Buffalo', businesses: 52 },
      ],
    },
  ],
  newest: [
    entry(5012, business(12, 'Blue Bonnet Bakery', 'Restaurants', 'Austin', 'TX', 4.7, 'Austin Local Guide'), '2026-11-14T15:40:00Z'),
    entry(5011, business(11, 'Peachtree Plumbing Co.', 'Home services', 'Atlanta', 'GA', 4.2, 'Southern Trades Directory'), '2026-11-14T15:21:00Z'),
    entry(5010, business(10, 'Lakeshore Nails & Spa', 'Health & beauty', 'Oakland', 'CA', null, 'Bay Area Finds'), '2026-11-14T14:58:00Z'),
    entry(5009, business(9, 'Brooklyn Bike Works', 'Retail', 'Brooklyn', 'NY', 4.9, 'Borough Businesses'), '2026-11-14T14:02:00Z'),
  ],
};

/** A business that arrives over the stream after the feed was loaded. */
export const arrival = entry(5013, business(13, 'Houston Hot Wings', 'Restaurants', 'Houston', 'TX', 4.4, 'Gulf Coast Eats'), '2026-11-14T15:43:00Z');
/** An arrival in a category and a state the feed has not seen yet. */
export const newPlaceArrival = entry(5014, business(14, 'Boise Bookkeeping', 'Accounting', 'Boise', 'ID', null, 'Mountain West Pages'), '2026-11-14T15:44:00Z');

export const emptyFeed: Feed = { total_businesses: 0, by_category: [], by_state: [], newest: [] };

/** Enough arrivals to show the newest list being capped. */
export const arrivals = (count: number, firstEventId = 6000): PoolEntry[] =>
  Array.from({ length: count }, (_, i) => entry(firstEventId + i, business(100 + i, `Arrival ${i + 1}`, 'Retail', 'Dallas', 'TX', 4, 'Austin Local Guide')));
