import type { ApiResponses } from '../internal/api-schema.ts';
import { expectEach, expectShape } from '../internal/shape.ts';

/** The answer of `GET /v1/public/ecosystem/growth`. */
export type Growth = ApiResponses['GET /v1/public/ecosystem/growth'];
/** One month: "2026-11", the data-pool businesses at its end, the records read during it, … */
export type GrowthMonth = Growth['months'][number];

/** The series the chart can draw. */
export const GROWTH_METRICS = ['businesses', 'partner_powered_apps', 'developers', 'records_served'] as const;
export type GrowthMetric = (typeof GROWTH_METRICS)[number];

export function parseGrowth(json: unknown): Growth {
  const growth = expectShape<Growth>(json, { months: 'array' });
  expectEach<GrowthMonth>(growth.months, {
    month: 'month',
    directories: 'number',
    businesses: 'number',
    partner_powered_apps: 'number',
    developers: 'number',
    records_served: 'number',
  });
  return growth;
}

/** Empty when no month counts anything (every number is zero). */
export const isEmptyGrowth = (growth: Growth) => growth.months.every((m) => Object.values(m).every((v) => typeof v !== 'number' || !v));
