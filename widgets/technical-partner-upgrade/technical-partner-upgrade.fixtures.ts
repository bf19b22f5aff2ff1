import type { IssuedApiKey, ProductPrice, TechnicalPartner, TechnicalPartnerOverview } from './technical-partner-upgrade.api.ts';

/** Shaped like the API's answers, for tests and stories. */
export const prices: ProductPrice[] = [
  { product: 'cmal', name: 'CMAL business data', price_per_1000: '4.00', technical_partner_price_per_1000: '3.00', discount_percent: '25.00' },
  { product: 'voice', name: 'Voice verification', price_per_1000: '12.50', technical_partner_price_per_1000: '10.00', discount_percent: '20.00' },
  { product: 'susu', name: 'Susu savings groups', price_per_1000: '6.00', technical_partner_price_per_1000: '4.80', discount_percent: '20.00' },
  { product: 'fraud', name: 'Fraud signals', price_per_1000: '18.00', technical_partner_price_per_1000: '15.30', discount_percent: '15.00' },
];

const base: TechnicalPartner = {
  id: '7b1e0c52-4a8e-4f7a-9d4e-2f6b8a1c3d90',
  developer_id: 'e2d1c0b9-a8f7-4e6d-9c5b-4a3f2e1d0c9b',
  partner_id: null,
  status: 'pending',
  revenue_share_percent: '5.00',
  total_app_referrals: 0,
  total_app_earnings: '0.00',
  app_name: 'Ledgerly Books',
  app_url: 'https://ledgerly.example.com',
  approved_at: null,
  suspended_at: null,
  created_at: '2026-03-02T09:15:00.000Z',
  updated_at: '2026-03-02T09:15:00.000Z',
};

export const pendingPartner: TechnicalPartner = base;
export const activePartner: TechnicalPartner = {
  ...base,
  status: 'active',
  revenue_share_percent: '7.50',
  total_app_referrals: 1284,
  total_app_earnings: '18342.75',
  approved_at: '2026-03-09T14:02:00.000Z',
};
export const suspendedPartner: TechnicalPartner = { ...activePartner, status: 'suspended', suspended_at: '2026-05-20T08:00:00.000Z' };

export const notApplied: TechnicalPartnerOverview = { currency: 'USD', technical_partner: null, prices };
export const pending: TechnicalPartnerOverview = { currency: 'USD', technical_partner: pendingPartner, prices };
export const active: TechnicalPartnerOverview = { currency: 'USD', technical_partner: activePartner, prices };
export const suspended: TechnicalPartnerOverview = { currency: 'USD', technical_partner: suspendedPartner, prices };

export const issuedKey: IssuedApiKey = {
  currency: 'USD',
  id: 'c4f2d1e8-93b7-4a61-8e25-0d7f6a9b1c34',
  key: 'ew_live_tp_9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  prefix: 'ew_live_tp_9f8e',
  pricing_tier: 'technical_partner',
  created_at: '2026-06-01T10:30:00.000Z',
  prices,
};

/** `GET /v1/partner/me/developer-impact` for a directory partner. */
export const developerImpact = (technicalPartner: TechnicalPartner | null) => ({
  currency: 'USD',
  partner: { id: '0f3a9b8c-2d4e-4f61-a7b8-9c0d1e2f3a4b', directory_name: 'Accra Business Directory', commission_percent: '10.00', status: 'active' },
  referrals: { total: 412, converted: 268, in_data_pool: 240 },
  apps: [],
  api_usage: { records_served: 18420, calls: 9210, by_product: [{ product: 'cmal', calls: 9210 }] },
  commissions: { total: '4210.40', by_month: [{ month: '2026-05', amount: '812.10' }] },
  technical_partner: technicalPartner,
  combined_earnings: technicalPartner ? '22553.15' : '4210.40',
});

/** `POST /v1/partner/me/technical-partner/apply` → 202, for a partner with a linked developer account. */
export const partnerApplication = {
  currency: 'USD',
  status: 'application_filed',
  message: 'Application filed for your linked developer account.',
  technical_partner: { ...pendingPartner, partner_id: '0f3a9b8c-2d4e-4f61-a7b8-9c0d1e2f3a4b' },
  link_code: null,
  expires_at: null,
};

/** `POST /v1/partner/me/technical-partner/apply` → 202, for a partner without one: a code to confirm. */
export const partnerLinkRequest = {
  status: 'confirmation_required',
  message: 'Application received.',
  technical_partner: null,
  link_code: 'ewl_AbCdEfGhIjKlMnOpQrStUvWxYz012345',
  expires_at: '2026-06-08T10:30:00.000Z',
};
