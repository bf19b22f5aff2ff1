import type { Knex } from 'knex';
import { runSql } from '../server/db/run-sql.ts';

/**
 * The seed's two tables and view, exactly as the plan specifies them, then the extra indexes
 * and constraints the money rules need, and the earnings ledger that every payout sums.
 */
export async function up(knex: Knex): Promise<void> {
  await runSql(knex, `
    CREATE TABLE technical_partners (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      developer_id UUID NOT NULL REFERENCES developer_accounts(id),
      partner_id UUID REFERENCES directory_partners(id),
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'suspended')),
      revenue_share_percent NUMERIC(5,2) DEFAULT 5.00,
      total_app_referrals INTEGER DEFAULT 0,
      total_app_earnings NUMERIC(12,2) DEFAULT 0,
      app_name TEXT, app_url TEXT, approved_at TIMESTAMPTZ,
      created_at TIMESTAMPTZ DEFAULT now(), updated_at TIMESTAMPTZ DEFAULT now());

    CREATE TABLE app_business_attributions (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      developer_id UUID NOT NULL REFERENCES developer_accounts(id),
      business_id UUID NOT NULL REFERENCES businesses(id),
      app_name TEXT NOT NULL, attribution_source TEXT,
      api_calls_generated INTEGER DEFAULT 0, earnings_attributed NUMERIC(12,2) DEFAULT 0,
      first_api_call_at TIMESTAMPTZ, created_at TIMESTAMPTZ DEFAULT now());

    CREATE VIEW partner_referred_businesses_api AS
    SELECT b.id, b.business_name, b.category, b.city, b.state, b.average_rating,
           pr.partner_id, dp.directory_name AS referring_directory
    FROM businesses b
    JOIN partner_referrals pr ON pr.referred_business_id = b.id
    JOIN directory_partners dp ON dp.id = pr.partner_id
    WHERE pr.is_converted = true AND b.is_verified = true;
  `);

  // Additions around the seed's objects (allowed: extra columns, indexes and constraints).
  await runSql(knex, `
    -- applying twice is refused: one technical-partner record per developer
    CREATE UNIQUE INDEX technical_partners_developer_key ON technical_partners (developer_id);
    CREATE INDEX technical_partners_partner_idx ON technical_partners (partner_id);
    CREATE INDEX technical_partners_status_idx ON technical_partners (status);
    ALTER TABLE technical_partners
      ADD CONSTRAINT technical_partners_share_range
        CHECK (revenue_share_percent >= 0 AND revenue_share_percent <= 100),
      ADD CONSTRAINT technical_partners_totals_not_negative
        CHECK (total_app_referrals >= 0 AND total_app_earnings >= 0),
      ADD COLUMN suspended_at TIMESTAMPTZ;

    -- the app a business is attributed to (the seed keys it by developer and app name)
    ALTER TABLE app_business_attributions
      ADD COLUMN app_id UUID REFERENCES developer_apps(id),
      ADD CONSTRAINT app_business_attributions_one_per_business UNIQUE (business_id),
      ADD CONSTRAINT app_business_attributions_totals_not_negative
        CHECK (api_calls_generated >= 0 AND earnings_attributed >= 0);
    CREATE INDEX app_business_attributions_developer_idx ON app_business_attributions (developer_id);
    CREATE INDEX app_business_attributions_app_idx ON app_business_attributions (app_id);

    CREATE TABLE earnings_ledger (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      payment_id UUID NOT NULL REFERENCES business_payments(id),
      channel TEXT NOT NULL CHECK (channel IN ('partner', 'app')),
      business_id UUID NOT NULL REFERENCES businesses(id),
      partner_id UUID REFERENCES directory_partners(id),
      technical_partner_id UUID REFERENCES technical_partners(id),
      developer_id UUID REFERENCES developer_accounts(id),
      attribution_id UUID REFERENCES app_business_attributions(id),
      payment_amount NUMERIC(12,2) NOT NULL,
      rate_percent NUMERIC(5,2) NOT NULL,
      amount NUMERIC(12,2) NOT NULL CHECK (amount >= 0),
      earned_at TIMESTAMPTZ NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT earnings_ledger_one_per_payment_channel UNIQUE (payment_id, channel),
      CONSTRAINT earnings_ledger_beneficiary CHECK (
        (channel = 'partner' AND partner_id IS NOT NULL AND technical_partner_id IS NULL)
        OR (channel = 'app' AND technical_partner_id IS NOT NULL AND developer_id IS NOT NULL
            AND attribution_id IS NOT NULL))
    );
    CREATE INDEX earnings_ledger_business_idx ON earnings_ledger (business_id);
    CREATE INDEX earnings_ledger_partner_idx ON earnings_ledger (partner_id);
    CREATE INDEX earnings_ledger_technical_partner_idx ON earnings_ledger (technical_partner_id);
    CREATE INDEX earnings_ledger_developer_idx ON earnings_ledger (developer_id);
    CREATE INDEX earnings_ledger_attribution_idx ON earnings_ledger (attribution_id);
    CREATE INDEX earnings_ledger_earned_at_idx ON earnings_ledger (earned_at);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await runSql(knex, `
    DROP TABLE earnings_ledger;
    DROP VIEW partner_referred_businesses_api;
    DROP TABLE app_business_attributions;
    DROP TABLE technical_partners;
  `);
}
