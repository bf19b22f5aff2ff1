import type { AdminDashboardData, CrossPollination, Health, Revenue, RevenueMonth } from './admin-revenue-dashboard.api.ts';

const cents = (value: number) => (value / 100).toFixed(2);

/** Twelve months of growing revenue, computed in cents so every amount is exact decimal text. */
const months: RevenueMonth[] = Array.from({ length: 12 }, (_, i) => {
  const business = 1_840_000 + i * 96_500 + (i % 3) * 21_250;
  const api = 412_000 + i * 58_300 + (i % 4) * 9_900;
  const partner = Math.round(business * 0.1);
  const app = Math.round(api * 0.06);
  return {
    month: `${i < 7 ? 2025 : 2026}-${String(((i + 5) % 12) + 1).padStart(2, '0')}`,
    business_payments: cents(business),
    api_billing: cents(api),
    platform_revenue: cents(business + api),
    partner_payouts: cents(partner),
    app_payouts: cents(app),
    payouts: cents(partner + app),
    net: cents(business + api - partner - app),
  };
});

const sum = (pick: (month: RevenueMonth) => string) => cents(months.reduce((total, month) => total + Math.round(Number(pick(month)) * 100), 0));

/** `GET /v1/admin/revenue?months=12`: June 2025 to May 2026. */
export const revenue: Revenue = {
  currency: 'USD',
  totals: {
    platform_revenue: sum((m) => m.platform_revenue),
    payouts: sum((m) => m.payouts),
    net: sum((m) => m.net),
    partner_program: {
      revenue: sum((m) => m.business_payments),
      payouts: sum((m) => m.partner_payouts),
      net: cents(months.reduce((t, m) => t + Math.round((Number(m.business_payments) - Number(m.partner_payouts)) * 100), 0)),
    },
    developer_platform: {
      revenue: sum((m) => m.api_billing),
      payouts: sum((m) => m.app_payouts),
      net: cents(months.reduce((t, m) => t + Math.round((Number(m.api_billing) - Number(m.app_payouts)) * 100), 0)),
    },
  },
  months,
};

export const crossPollination: CrossPollination = {
  directories: 42,
  developers: 118,
  developers_who_became_partners: 9,
  partners_who_became_developers: 14,
  technical_partners: { pending: 4, active: 11, suspended: 1, linked_to_directory: 7 },
  rates: {
    partner_to_developer_percent: '33.33',
    developer_to_partner_percent: '7.63',
    developer_to_technical_partner_percent: '13.56',
    technical_partner_approval_percent: '75.00',
  },
  months: months.slice(-6).map((m, i) => ({
    month: m.month,
    developers_became_partners: [1, 0, 2, 1, 3, 2][i]!,
    partners_became_developers: [2, 1, 3, 2, 4, 2][i]!,
    technical_partner_applications: [1, 2, 2, 3, 4, 4][i]!,
  })),
};

export const health: Health = {
  generated_at: '2026-06-01T06:00:00.000Z',
  indicators: [
    {
      key: 'partner_activation',
      label: 'Partner activation',
      value: '71.43',
      unit: 'percent',
      status: 'healthy',
      definition: 'Directories that referred at least one business in the last 90 days, out of all active directories.',
      thresholds: { healthy: '≥ 60%', watch: '≥ 40%' },
    },
    {
      key: 'referral_conversion',
      label: 'Referral conversion',
      value: '38.20',
      unit: 'percent',
      status: 'watch',
      definition: 'Referrals that became verified, paying businesses within 60 days.',
      thresholds: { healthy: '≥ 45%', watch: '≥ 30%' },
    },
    {
      key: 'partner_powered_apps',
      label: 'Partner-powered apps',
      value: '37',
      unit: 'count',
      status: 'healthy',
      definition: 'Apps that read partner-contributed business records this month.',
      thresholds: { healthy: '≥ 25', watch: '≥ 10' },
    },
    {
      key: 'time_to_approval',
      label: 'Time to Technical Partner approval',
      value: '9.5',
      unit: 'days',
      status: 'at_risk',
      definition: 'Median days from a Technical Partner application to its approval, over the last 90 days.',
      thresholds: { healthy: '≤ 3 days', watch: '≤ 7 days' },
    },
  ],
};

export const dashboard: AdminDashboardData = { revenue, crossPollination, health };

const zeroMonth = (month: string): RevenueMonth => ({
  month,
  business_payments: '0.00',
  api_billing: '0.00',
  platform_revenue: '0.00',
  partner_payouts: '0.00',
  app_payouts: '0.00',
  payouts: '0.00',
  net: '0.00',
});
const zero = { revenue: '0.00', payouts: '0.00', net: '0.00' };

/** A fresh installation: nothing has happened yet. */
export const emptyDashboard: AdminDashboardData = {
  revenue: {
    currency: 'USD',
    totals: { platform_revenue: '0.00', payouts: '0.00', net: '0.00', partner_program: zero, developer_platform: zero },
    months: [zeroMonth('2026-05')],
  },
  crossPollination: {
    directories: 0,
    developers: 0,
    developers_who_became_partners: 0,
    partners_who_became_developers: 0,
    technical_partners: { pending: 0, active: 0, suspended: 0, linked_to_directory: 0 },
    rates: {
      partner_to_developer_percent: '0.00',
      developer_to_partner_percent: '0.00',
      developer_to_technical_partner_percent: '0.00',
      technical_partner_approval_percent: '0.00',
    },
    months: [],
  },
  health: { generated_at: '2026-06-01T06:00:00.000Z', indicators: [] },
};
