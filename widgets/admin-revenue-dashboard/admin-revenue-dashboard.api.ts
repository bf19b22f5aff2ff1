import type { ApiResponses } from '../internal/api-schema.ts';
import { expectEach, expectOneOf, expectShape } from '../internal/shape.ts';

/** The answer of `GET /v1/admin/revenue`. */
export type Revenue = ApiResponses['GET /v1/admin/revenue'];
export type RevenueMonth = Revenue['months'][number];
/** Revenue, payouts and net of one program. */
export type ChannelFigures = Revenue['totals']['partner_program'];
/** The answer of `GET /v1/admin/cross-pollination`. */
export type CrossPollination = ApiResponses['GET /v1/admin/cross-pollination'];
/** The answer of `GET /v1/admin/health`. */
export type Health = ApiResponses['GET /v1/admin/health'];
export type HealthIndicator = Health['indicators'][number];
export type HealthStatus = HealthIndicator['status'];

/** All three panels, given at once instead of fetched. */
export interface AdminDashboardData {
  revenue: Revenue;
  crossPollination: CrossPollination;
  health: Health;
}

export const RATES = [
  'partner_to_developer_percent',
  'developer_to_partner_percent',
  'developer_to_technical_partner_percent',
  'technical_partner_approval_percent',
] as const;
/** The money columns of the monthly table, in order. */
export const MONTH_COLUMNS = ['business_payments', 'api_billing', 'platform_revenue', 'payouts', 'net'] as const;

// Only the fields the element reads are checked (each name costs bundle bytes).
const CHANNEL = { revenue: 'decimal', payouts: 'decimal', net: 'decimal' } as const;

export function parseRevenue(json: unknown): Revenue {
  const revenue = expectShape<Revenue>(json, { totals: 'object', months: 'array' });
  const totals = expectShape<Revenue['totals']>(revenue.totals, {
    platform_revenue: 'decimal',
    payouts: 'decimal',
    net: 'decimal',
    partner_program: 'object',
    developer_platform: 'object',
  });
  expectShape<ChannelFigures>(totals.partner_program, CHANNEL);
  expectShape<ChannelFigures>(totals.developer_platform, CHANNEL);
  expectEach<RevenueMonth>(revenue.months, { month: 'month', ...Object.fromEntries(MONTH_COLUMNS.map((column) => [column, 'decimal' as const])) });
  return revenue;
}

export function parseCrossPollination(json: unknown): CrossPollination {
  const cross = expectShape<CrossPollination>(json, {
    directories: 'number',
    developers: 'number',
    developers_who_became_partners: 'number',
    partners_who_became_developers: 'number',
    technical_partners: 'object',
    rates: 'object',
    months: 'array',
  });
  expectShape<CrossPollination['technical_partners']>(cross.technical_partners, {
    pending: 'number',
    active: 'number',
    suspended: 'number',
    linked_to_directory: 'number',
  });
  expectShape<CrossPollination['rates']>(cross.rates, Object.fromEntries(RATES.map((rate) => [rate, 'decimal' as const])));
  expectEach<CrossPollination['months'][number]>(cross.months, {
    month: 'month',
    developers_became_partners: 'number',
    partners_became_developers: 'number',
    technical_partner_applications: 'number',
  });
  return cross;
}

export function parseHealth(json: unknown): Health {
  const health = expectShape<Health>(json, { generated_at: 'string', indicators: 'array' });
  const indicators = expectEach<HealthIndicator>(health.indicators, { label: 'string', value: 'decimal', definition: 'string', thresholds: 'object' });
  for (const indicator of indicators) {
    expectShape<HealthIndicator['thresholds']>(indicator.thresholds, { healthy: 'string', watch: 'string' });
    expectOneOf(indicator.status, ['healthy', 'watch', 'at_risk']);
    expectOneOf(indicator.unit, ['percent', 'count', 'days']);
  }
  return health;
}

const isZero = (amount: string) => Number(amount) === 0;
export const isEmptyRevenue = ({ totals }: Revenue) => isZero(totals.platform_revenue) && isZero(totals.payouts);
