import type { Badge } from './partner-powered-badge.api.ts';

/** Badges shaped like the API's answer, for tests and stories. */
export const APP_ID = '6f1c2a9e-3b7d-4c8e-9a51-2d4e8f0b7c13';

export const badge: Badge = {
  app: { id: APP_ID, name: 'ShopLocal Finder', url: 'https://shoplocal.example.com' },
  partner_powered: true,
  partner_powered_since: '2025-03-14T09:30:00.000Z',
  records_served: 48210,
  directories: [
    { id: '0b6f3c1d-7e2a-4f59-8c3b-1a9d5e7f2b40', directory_name: 'Main Street Directory', records_served: 26515, share_percent: '55.00' },
    { id: '9d2e4a7b-1c3f-4e8d-b6a5-7f0c2e9d1b83', directory_name: 'Black-Owned Business Guide', records_served: 14463, share_percent: '30.00' },
    { id: '3a8c5e1f-6b2d-4d7a-9e4c-0f1b7d3a5c92', directory_name: 'Gulf Coast Chamber Listings', records_served: 7232, share_percent: '15.00' },
  ],
};

/** An app that has not read any partner-referred business yet. */
export const notPoweredBadge: Badge = {
  app: { id: APP_ID, name: 'ShopLocal Finder', url: 'https://shoplocal.example.com' },
  partner_powered: false,
  partner_powered_since: null,
  records_served: 0,
  directories: [],
};

/** A partner-powered app without a public website. */
export const badgeWithoutUrl: Badge = {
  ...badge,
  app: { ...badge.app, name: 'Route Planner for Field Sales', url: null },
  directories: badge.directories.slice(0, 1).map((d) => ({ ...d, share_percent: '100.00', records_served: 48210 })),
};
