import type { DeveloperImpact } from './developer-ecosystem-tab.api.ts';

const app = (n: number, name: string, url: string | null, company: string | null, records_served: number, businesses_attributed: number) => ({
  id: `9e1f7c20-3b4a-4d5e-8f60-${String(n).padStart(12, '0')}`,
  name,
  url,
  company,
  records_served,
  businesses_attributed,
});

/** A directory partner with apps built on its businesses, not yet a Technical Partner. */
export const developerImpact: DeveloperImpact = {
  currency: 'USD',
  partner: { id: '2c7d8e90-1a2b-4c3d-8e4f-5a6b7c8d9e0f', directory_name: 'Black Business Directory of Atlanta', commission_percent: '10.00', status: 'active' },
  referrals: { total: 1840, converted: 1212, in_data_pool: 1097 },
  apps: [
    app(1, 'ShopBlack Finder', 'https://shopblack.example', 'Greenwood Labs', 52110, 318),
    app(2, 'Main Street Payroll', 'https://payroll.example/app', 'Ledgerline', 23480, 142),
    app(3, 'Susu Circle', null, 'Circle Fintech', 9120, 61),
    app(4, 'Neighborhood Eats', 'https://eats.example', null, 4410, 27),
  ],
  api_usage: {
    records_served: 89120,
    calls: 40215,
    by_product: [
      { product: 'cmal', calls: 28140 },
      { product: 'susu', calls: 7020 },
      { product: 'voice', calls: 3615 },
      { product: 'fraud', calls: 1440 },
    ],
  },
  commissions: {
    total: '48210.55',
    by_month: [
      { month: '2025-12', amount: '2104.10' },
      { month: '2026-01', amount: '2380.00' },
      { month: '2026-02', amount: '2611.45' },
      { month: '2026-03', amount: '3020.80' },
      { month: '2026-04', amount: '3310.25' },
      { month: '2026-05', amount: '3595.00' },
      { month: '2026-06', amount: '3880.60' },
      { month: '2026-07', amount: '4105.35' },
      { month: '2026-08', amount: '4490.00' },
      { month: '2026-09', amount: '4870.15' },
      { month: '2026-10', amount: '5212.40' },
      { month: '2026-11', amount: '5630.45' },
    ],
  },
  technical_partner: null,
  combined_earnings: '48210.55',
};

/** The same partner after becoming an active Technical Partner with its own app. */
export const technicalPartnerImpact: DeveloperImpact = {
  ...developerImpact,
  technical_partner: {
    id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
    developer_id: '3d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
    partner_id: developerImpact.partner.id,
    status: 'active',
    revenue_share_percent: '7.50',
    total_app_referrals: 96,
    total_app_earnings: '6342.20',
    app_name: 'ATL Directory App',
    app_url: 'https://app.atlblackbusiness.example',
    approved_at: '2026-06-02T15:04:00Z',
    suspended_at: null,
    created_at: '2026-05-28T10:12:00Z',
    updated_at: '2026-06-02T15:04:00Z',
  },
  combined_earnings: '54552.75',
};

/** A partner that has just joined: nothing referred, no apps. */
export const emptyDeveloperImpact: DeveloperImpact = {
  currency: 'USD',
  partner: { id: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b', directory_name: 'Tulsa Greenwood Revival', commission_percent: '10.00', status: 'active' },
  referrals: { total: 0, converted: 0, in_data_pool: 0 },
  apps: [],
  api_usage: { records_served: 0, calls: 0, by_product: [] },
  commissions: { total: '0.00', by_month: [] },
  technical_partner: null,
  combined_earnings: '0.00',
};

/** A partner whose businesses power 50 apps: the apps table pages and searches them. */
export const manyAppsImpact: DeveloperImpact = {
  ...developerImpact,
  apps: Array.from({ length: 50 }, (_, i) =>
    app(i + 1, `${['Atlas', 'Beacon', 'Cedar', 'Delta', 'Ember'][i % 5]} App ${i + 1}`, null, i % 3 ? 'Greenwood Labs' : null, 50000 - i * 900, 300 - i * 5),
  ),
};
