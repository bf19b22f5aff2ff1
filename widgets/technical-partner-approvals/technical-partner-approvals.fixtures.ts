import type { Application, ApplicationList } from './technical-partner-approvals.api.ts';

const application = (fields: Partial<Application> & Pick<Application, 'id' | 'status' | 'app_name'>): Application => ({
  developer_id: `d${fields.id.slice(1)}`,
  partner_id: null,
  revenue_share_percent: '5.00',
  total_app_referrals: 0,
  total_app_earnings: '0.00',
  app_url: null,
  approved_at: null,
  suspended_at: null,
  created_at: '2026-11-20T10:00:00.000Z',
  updated_at: '2026-11-20T10:00:00.000Z',
  developer: { name: 'Ada Byte', email: 'ada@apps.example', company: null },
  directory_name: null,
  evidence: { apps: 1, businesses_attributed: 0, api_calls_30d: 0, partner_referrals: null },
  ...fields,
});

/** A directory partner's application, filed through its linked developer account. */
export const pendingPartner = application({
  id: 'a1111111-1111-4111-8111-111111111111',
  status: 'pending',
  app_name: 'Main Street Maps',
  partner_id: 'b1111111-1111-4111-8111-111111111111',
  created_at: '2026-11-30T09:15:00.000Z',
  developer: { name: 'Mia Street', email: 'mia@mainstreet.example', company: 'Main Street Directory' },
  directory_name: 'Main Street Directory',
  evidence: { apps: 2, businesses_attributed: 14, api_calls_30d: 18_240, partner_referrals: { total: 120, converted: 87 } },
});

export const pendingDeveloper = application({
  id: 'a2222222-2222-4222-8222-222222222222',
  status: 'pending',
  app_name: 'Local Eats',
  created_at: '2026-11-28T16:40:00.000Z',
  developer: { name: 'Léo Martin', email: 'leo@eats.example', company: 'Eats Labs' },
  evidence: { apps: 1, businesses_attributed: 3, api_calls_30d: 2_310, partner_referrals: null },
});

export const active = application({
  id: 'a3333333-3333-4333-8333-333333333333',
  status: 'active',
  app_name: 'Fix-It Finder',
  approved_at: '2026-10-02T12:00:00.000Z',
  total_app_referrals: 41,
  total_app_earnings: '1234.50',
  created_at: '2026-09-30T08:00:00.000Z',
  developer: { name: 'Sam Tool', email: 'sam@fixit.example', company: null },
  evidence: { apps: 3, businesses_attributed: 41, api_calls_30d: 96_000, partner_referrals: null },
});

export const suspended = application({
  id: 'a4444444-4444-4444-8444-444444444444',
  status: 'suspended',
  app_name: null,
  approved_at: '2026-08-01T12:00:00.000Z',
  suspended_at: '2026-11-01T12:00:00.000Z',
  created_at: '2026-07-30T08:00:00.000Z',
  developer: { name: 'Rex Spam', email: 'rex@spam.example', company: null },
});

/** `GET /v1/admin/technical-partners`: pending first, then newest first. */
export const applications: ApplicationList = { currency: 'USD', technical_partners: [pendingPartner, pendingDeveloper, active, suspended], next_cursor: null };

export const noApplications: ApplicationList = { currency: 'USD', technical_partners: [], next_cursor: null };

/** What the API answers an action: the application as it is now (and, for approve and reactivate, a key this element never shows). */
export const transitioned = (item: Application, status: Application['status']) => ({
  technical_partner: { ...item, status, approved_at: item.approved_at ?? '2026-12-03T12:00:00.000Z', updated_at: '2026-12-03T12:00:00.000Z' },
  api_key:
    status === 'active'
      ? {
          id: 'c1111111-1111-4111-8111-111111111111',
          key: 'ewk_SECRETxx_never-shown-in-the-admin-panel-000000',
          prefix: 'ewk_SECRETxx',
          pricing_tier: 'technical_partner',
          created_at: '2026-12-03T12:00:00.000Z',
          prices: [],
        }
      : null,
});
