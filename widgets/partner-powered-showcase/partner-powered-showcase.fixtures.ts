import type { Showcase, ShowcaseApp } from './partner-powered-showcase.api.ts';

/** Showcase pages shaped like the API's answer, for tests and stories. */

const directories = {
  mainStreet: { id: '0b6f3c1d-7e2a-4f59-8c3b-1a9d5e7f2b40', directory_name: 'Main Street Directory' },
  blackOwned: { id: '9d2e4a7b-1c3f-4e8d-b6a5-7f0c2e9d1b83', directory_name: 'Black-Owned Business Guide' },
  gulfCoast: { id: '3a8c5e1f-6b2d-4d7a-9e4c-0f1b7d3a5c92', directory_name: 'Gulf Coast Chamber Listings' },
  makers: { id: 'c4e1a7d2-5f3b-4a9c-8d6e-2b0f9a1c7e35', directory_name: 'Makers & Markets' },
};

export const totals: Showcase['totals'] = { partner_powered_apps: 37, records_served: 2210450, directories: 42 };

export const apps: ShowcaseApp[] = [
  {
    id: '6f1c2a9e-3b7d-4c8e-9a51-2d4e8f0b7c13',
    name: 'ShopLocal Finder',
    url: 'https://shoplocal.example.com',
    description: 'Find independent shops near you, with opening hours and verified reviews.',
    company: 'Neighbourly Labs',
    api_products: ['cmal', 'fraud'],
    partner_powered_since: '2025-03-14T09:30:00.000Z',
    records_served: 48210,
    businesses_attributed: 1284,
    contributing_directories: [
      { ...directories.mainStreet, records_served: 26515, share_percent: '55.00' },
      { ...directories.blackOwned, records_served: 14463, share_percent: '30.00' },
      { ...directories.gulfCoast, records_served: 7232, share_percent: '15.00' },
    ],
    contributing_directories_total: 3,
  },
  {
    id: '2b9e7c41-8d3a-4f6e-a1c5-9e0d2f4b6a78',
    name: 'CallBridge Voice Concierge',
    url: 'https://callbridge.example.com',
    description: 'An answering service that books appointments for small businesses by phone.',
    company: 'CallBridge Inc.',
    api_products: ['voice'],
    partner_powered_since: '2025-01-07T15:00:00.000Z',
    records_served: 19877,
    businesses_attributed: 402,
    contributing_directories: [{ ...directories.blackOwned, records_served: 19877, share_percent: '100.00' }],
    contributing_directories_total: 1,
  },
  {
    id: 'a7d4c2e9-1f5b-4b3a-9c8e-6d2f0a4e1b57',
    name: 'Susu Circle',
    url: null,
    description: null,
    company: null,
    api_products: ['susu'],
    partner_powered_since: '2024-11-21T12:00:00.000Z',
    records_served: 5120,
    businesses_attributed: 96,
    contributing_directories: [
      { ...directories.makers, records_served: 3840, share_percent: '75.00' },
      { ...directories.mainStreet, records_served: 1280, share_percent: '25.00' },
    ],
    contributing_directories_total: 2,
  },
];

export const moreApps: ShowcaseApp[] = [
  {
    id: 'e3b1f6a2-9c4d-4e7b-8a2f-1d5c9e0b3a64',
    name: 'TrustCheck for Marketplaces',
    url: 'https://trustcheck.example.com',
    description: 'Screens new sellers against verified business records before they list.',
    company: 'Sentinel Commerce',
    api_products: ['fraud', 'cmal'],
    partner_powered_since: '2024-09-02T08:15:00.000Z',
    records_served: 88342,
    businesses_attributed: 2210,
    contributing_directories: [
      { ...directories.gulfCoast, records_served: 44171, share_percent: '50.00' },
      { ...directories.mainStreet, records_served: 26503, share_percent: '30.00' },
      { ...directories.makers, records_served: 17668, share_percent: '20.00' },
    ],
    contributing_directories_total: 3,
  },
  {
    id: '5c8a2d7e-4b1f-4c9a-b3e6-0f7d1a2c9e48',
    name: 'Market Day Planner',
    url: 'https://marketday.example.com',
    description: 'Plans routes through weekend markets and the makers who sell there.',
    company: 'Makers & Markets',
    api_products: ['cmal'],
    partner_powered_since: '2024-06-30T10:45:00.000Z',
    records_served: 3310,
    businesses_attributed: 57,
    contributing_directories: [{ ...directories.makers, records_served: 3310, share_percent: '100.00' }],
    contributing_directories_total: 1,
  },
];

/** The first page: more apps follow after the cursor. */
export const showcase: Showcase = { apps, next_cursor: 'WyIyMDI0LTExLTIxVDEyOjAwOjAwLjAwMFoiLCJhN2Q0YzJlOSJd', totals };

/** The last page. */
export const lastPage: Showcase = { apps: moreApps, next_cursor: null, totals };

/** Everything on one page, nothing more to load. */
export const allApps: Showcase = { apps: [...apps, ...moreApps], next_cursor: null, totals };

/** No partner-powered app yet. */
export const emptyShowcase: Showcase = { apps: [], next_cursor: null, totals: { partner_powered_apps: 0, records_served: 0, directories: 42 } };
