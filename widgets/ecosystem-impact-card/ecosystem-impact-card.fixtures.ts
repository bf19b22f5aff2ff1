import type { EcosystemImpact } from './ecosystem-impact-card.api.ts';

/** Figures shaped like the API's answer, for tests and stories. */
export const impact: EcosystemImpact = {
  currency: 'USD',
  partner_referred_businesses: 12840,
  apps_powered_by_partner_data: 37,
  combined_cmal_economic_impact: '48213977.35',
  directories: 42,
  developers: 118,
  apps: 164,
  value_flow: {
    referrals: 30112,
    converted_businesses: 18004,
    data_pool_businesses: 12840,
    records_served: 2210450,
    partner_powered_apps: 37,
    partner_earnings: '912450.10',
    app_earnings: '55210.75',
  },
};

export const emptyImpact: EcosystemImpact = {
  currency: 'USD',
  partner_referred_businesses: 0,
  apps_powered_by_partner_data: 0,
  combined_cmal_economic_impact: '0.00',
  directories: 3,
  developers: 0,
  apps: 0,
  value_flow: {
    referrals: 0,
    converted_businesses: 0,
    data_pool_businesses: 0,
    records_served: 0,
    partner_powered_apps: 0,
    partner_earnings: '0.00',
    app_earnings: '0.00',
  },
};

/** A smaller ecosystem, as a directory's page shows it: figures under and over 1,000 side by side. */
export const directoryImpact: EcosystemImpact = {
  currency: 'USD',
  partner_referred_businesses: 750,
  apps_powered_by_partner_data: 37,
  combined_cmal_economic_impact: '24625516.44',
  directories: 12,
  developers: 40,
  apps: 41,
  value_flow: {
    referrals: 1412,
    converted_businesses: 896,
    data_pool_businesses: 750,
    records_served: 356214,
    partner_powered_apps: 37,
    partner_earnings: '40154.12',
    app_earnings: '2210.35',
  },
};
