import type { Growth, GrowthMonth } from './ecosystem-growth.api.ts';

const month = (
  month: string,
  businesses: number,
  directories: number,
  developers: number,
  apps: number,
  partnerPoweredApps: number,
  recordsServed: number,
  newBusinesses: number,
): GrowthMonth => ({
  month,
  businesses,
  new_businesses: newBusinesses,
  directories,
  developers,
  apps,
  partner_powered_apps: partnerPoweredApps,
  records_served: recordsServed,
});

/** Twelve months shaped like the API's answer, for tests and stories. */
export const growth: Growth = {
  months: [
    month('2025-12', 6420, 24, 61, 88, 14, 96200, 380),
    month('2026-01', 6910, 25, 64, 93, 16, 104500, 490),
    month('2026-02', 7380, 27, 70, 99, 18, 118300, 470),
    month('2026-03', 7925, 28, 74, 104, 19, 131900, 545),
    month('2026-04', 8530, 30, 79, 112, 21, 140250, 605),
    month('2026-05', 9105, 31, 84, 118, 24, 152800, 575),
    month('2026-06', 9760, 33, 89, 126, 26, 171400, 655),
    month('2026-07', 10350, 35, 95, 133, 28, 183050, 590),
    month('2026-08', 10990, 37, 101, 141, 30, 196700, 640),
    month('2026-09', 11620, 39, 107, 149, 33, 204100, 630),
    month('2026-10', 12240, 41, 112, 157, 35, 212900, 620),
    month('2026-11', 12840, 42, 118, 164, 37, 221045, 600),
  ],
};

/** A young ecosystem: it starts from nothing, so growth in percent does not apply. */
export const fromZero: Growth = {
  months: [month('2026-09', 0, 1, 0, 0, 0, 0, 0), month('2026-10', 12, 2, 3, 1, 0, 40, 12), month('2026-11', 31, 2, 5, 2, 1, 310, 19)],
};

/** A single month. */
export const oneMonth: Growth = { months: [month('2026-11', 12840, 42, 118, 164, 37, 221045, 600)] };

export const emptyGrowth: Growth = { months: [] };

/** Months that exist but count nothing yet. */
export const zeroGrowth: Growth = { months: [month('2026-10', 0, 0, 0, 0, 0, 0, 0), month('2026-11', 0, 0, 0, 0, 0, 0, 0)] };
