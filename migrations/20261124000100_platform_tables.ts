import type { Knex } from 'knex';
import { runSql } from '../server/db/run-sql.ts';

/**
 * The platform tables the ecosystem features stand on: businesses, the Partner Program
 * (directories, their tokens, referrals) and the Developer Platform (accounts, apps, keys,
 * metered usage, prices), plus what businesses pay and what CMAL reports about them.
 */
export async function up(knex: Knex): Promise<void> {
  await runSql(knex, `
    CREATE TABLE businesses (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      business_name TEXT NOT NULL CHECK (length(business_name) BETWEEN 1 AND 200),
      category TEXT NOT NULL,
      city TEXT NOT NULL,
      state TEXT NOT NULL,
      country TEXT NOT NULL DEFAULT 'US',
      average_rating NUMERIC(2,1) CHECK (average_rating BETWEEN 0 AND 5),
      is_verified BOOLEAN NOT NULL DEFAULT false,
      -- private contact fields: no public surface ever returns them
      contact_email TEXT,
      contact_phone TEXT,
      owner_name TEXT,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX businesses_verified_category_idx ON businesses (category) WHERE is_verified;
    CREATE INDEX businesses_verified_state_city_idx ON businesses (state, city) WHERE is_verified;

    CREATE TABLE directory_partners (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      directory_name TEXT NOT NULL CHECK (length(directory_name) BETWEEN 1 AND 200),
      site_url TEXT,
      contact_name TEXT,
      contact_email TEXT,
      commission_percent NUMERIC(5,2) NOT NULL DEFAULT 10.00
        CHECK (commission_percent >= 0 AND commission_percent <= 100),
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'terminated')),
      -- origins allowed to embed this partner's private widgets
      allowed_origins TEXT[] NOT NULL DEFAULT '{}',
      total_commission_earned NUMERIC(14,2) NOT NULL DEFAULT 0,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX directory_partners_name_key ON directory_partners (lower(directory_name));
    CREATE INDEX directory_partners_allowed_origins_idx ON directory_partners USING gin (allowed_origins);

    CREATE TABLE partner_tokens (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      partner_id UUID NOT NULL REFERENCES directory_partners(id),
      token_prefix TEXT NOT NULL UNIQUE,
      token_hash TEXT NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      revoked_at TIMESTAMPTZ
    );
    CREATE INDEX partner_tokens_partner_idx ON partner_tokens (partner_id);

    CREATE TABLE partner_referrals (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      partner_id UUID NOT NULL REFERENCES directory_partners(id),
      referred_business_id UUID NOT NULL REFERENCES businesses(id),
      is_converted BOOLEAN NOT NULL DEFAULT false,
      converted_at TIMESTAMPTZ,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT partner_referrals_one_per_partner_business UNIQUE (partner_id, referred_business_id),
      CONSTRAINT partner_referrals_converted_at CHECK (is_converted = (converted_at IS NOT NULL))
    );
    CREATE INDEX partner_referrals_business_idx ON partner_referrals (referred_business_id);
    -- a business converts once: only one partner earns commission on it
    CREATE UNIQUE INDEX partner_referrals_one_conversion_per_business
      ON partner_referrals (referred_business_id) WHERE is_converted;
    CREATE INDEX partner_referrals_converted_idx ON partner_referrals (converted_at DESC) WHERE is_converted;
    CREATE INDEX partner_referrals_partner_converted_idx
      ON partner_referrals (partner_id, converted_at DESC) WHERE is_converted;

    CREATE TABLE developer_accounts (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      email TEXT NOT NULL,
      company TEXT,
      pricing_tier TEXT NOT NULL DEFAULT 'starter'
        CHECK (pricing_tier IN ('starter', 'growth', 'technical_partner')),
      partner_id UUID REFERENCES directory_partners(id),
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX developer_accounts_email_key ON developer_accounts (lower(email));
    -- a directory partner has at most one linked developer account
    CREATE UNIQUE INDEX developer_accounts_partner_key ON developer_accounts (partner_id) WHERE partner_id IS NOT NULL;

    CREATE TABLE api_products (
      code TEXT PRIMARY KEY CHECK (code IN ('cmal', 'voice', 'susu', 'fraud')),
      name TEXT NOT NULL,
      price_per_1000 NUMERIC(10,2) NOT NULL CHECK (price_per_1000 >= 0),
      technical_partner_price_per_1000 NUMERIC(10,2) NOT NULL CHECK (technical_partner_price_per_1000 >= 0),
      CONSTRAINT api_products_partner_price_discounted CHECK (technical_partner_price_per_1000 <= price_per_1000)
    );
    INSERT INTO api_products (code, name, price_per_1000, technical_partner_price_per_1000) VALUES
      ('cmal', 'CMAL economic impact', 4.00, 3.00),
      ('voice', 'Voice of the customer', 2.50, 1.88),
      ('susu', 'Susu savings circles', 3.00, 2.25),
      ('fraud', 'Fraud signals', 6.00, 4.50);

    CREATE TABLE developer_apps (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      developer_id UUID NOT NULL REFERENCES developer_accounts(id),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      url TEXT,
      description TEXT,
      is_showcased BOOLEAN NOT NULL DEFAULT false,
      api_products TEXT[] NOT NULL DEFAULT '{}'
        CHECK (api_products <@ ARRAY['cmal', 'voice', 'susu', 'fraud']::TEXT[]),
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT developer_apps_name_per_developer UNIQUE (developer_id, name)
    );
    CREATE INDEX developer_apps_showcased_idx ON developer_apps (created_at DESC) WHERE is_showcased;

    CREATE TABLE api_keys (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      developer_id UUID NOT NULL REFERENCES developer_accounts(id),
      key_prefix TEXT NOT NULL UNIQUE,
      key_hash TEXT NOT NULL,
      pricing_tier TEXT NOT NULL CHECK (pricing_tier IN ('starter', 'growth', 'technical_partner')),
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      revoked_at TIMESTAMPTZ
    );
    CREATE INDEX api_keys_developer_idx ON api_keys (developer_id);

    CREATE TABLE api_usage (
      id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      developer_id UUID NOT NULL REFERENCES developer_accounts(id),
      app_id UUID REFERENCES developer_apps(id),
      product TEXT NOT NULL REFERENCES api_products(code),
      business_id UUID REFERENCES businesses(id),
      usage_date DATE NOT NULL,
      pricing_tier TEXT NOT NULL CHECK (pricing_tier IN ('starter', 'growth', 'technical_partner')),
      calls BIGINT NOT NULL DEFAULT 0 CHECK (calls >= 0),
      -- exact billed amount at the price in force when the calls were metered
      billed_amount NUMERIC(18,6) NOT NULL DEFAULT 0 CHECK (billed_amount >= 0),
      CONSTRAINT api_usage_one_row_per_day UNIQUE NULLS NOT DISTINCT
        (developer_id, app_id, product, business_id, usage_date, pricing_tier)
    );
    CREATE INDEX api_usage_app_idx ON api_usage (app_id);
    CREATE INDEX api_usage_business_idx ON api_usage (business_id);
    CREATE INDEX api_usage_product_idx ON api_usage (product);
    CREATE INDEX api_usage_date_idx ON api_usage (usage_date);

    CREATE TABLE business_payments (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      business_id UUID NOT NULL REFERENCES businesses(id),
      amount NUMERIC(12,2) NOT NULL CHECK (amount > 0),
      paid_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      idempotency_key TEXT UNIQUE,
      -- hash of the request that created the payment: a reused key with another body is refused
      request_fingerprint TEXT,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX business_payments_business_idx ON business_payments (business_id);
    CREATE INDEX business_payments_paid_at_idx ON business_payments (paid_at);

    CREATE TABLE cmal_impact (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      business_id UUID NOT NULL REFERENCES businesses(id),
      period_start DATE NOT NULL,
      economic_impact NUMERIC(14,2) NOT NULL CHECK (economic_impact >= 0),
      jobs_supported INTEGER NOT NULL DEFAULT 0 CHECK (jobs_supported >= 0),
      reported_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT cmal_impact_one_per_period UNIQUE (business_id, period_start)
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await runSql(knex, `
    DROP TABLE cmal_impact;
    DROP TABLE business_payments;
    DROP TABLE api_usage;
    DROP TABLE api_keys;
    DROP TABLE developer_apps;
    DROP TABLE api_products;
    DROP TABLE developer_accounts;
    DROP TABLE partner_referrals;
    DROP TABLE partner_tokens;
    DROP TABLE directory_partners;
    DROP TABLE businesses;
  `);
}
