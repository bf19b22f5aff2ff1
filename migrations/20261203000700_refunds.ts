import type { Knex } from 'knex';
import { runSql } from '../server/db/run-sql.ts';

/**
 * Refunds and chargebacks of business payments. A refund is a row of its own (never an edit of
 * the payment) and reverses the payment's earnings with negative ledger lines, one per channel,
 * that point at it; the ledger stays append-only. The lines a payment earned are still one per
 * channel (now among the lines that reverse nothing); a refund has at most one line per channel.
 */
export async function up(knex: Knex): Promise<void> {
  await runSql(knex, `
    CREATE TABLE payment_refunds (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      payment_id UUID NOT NULL REFERENCES business_payments(id),
      kind TEXT NOT NULL CHECK (kind IN ('refund', 'chargeback')),
      amount NUMERIC(12,2) NOT NULL CHECK (amount > 0),
      refunded_at TIMESTAMPTZ NOT NULL,
      idempotency_key TEXT UNIQUE,
      request_fingerprint TEXT,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX payment_refunds_payment_idx ON payment_refunds (payment_id);
    CREATE INDEX payment_refunds_refunded_at_idx ON payment_refunds (refunded_at);

    ALTER TABLE earnings_ledger ADD COLUMN refund_id UUID REFERENCES payment_refunds(id);
    ALTER TABLE earnings_ledger DROP CONSTRAINT earnings_ledger_one_per_payment_channel;
    ALTER TABLE earnings_ledger DROP CONSTRAINT earnings_ledger_amount_check;
    CREATE UNIQUE INDEX earnings_ledger_one_per_payment_channel ON earnings_ledger (payment_id, channel) WHERE refund_id IS NULL;
    CREATE UNIQUE INDEX earnings_ledger_one_per_refund_channel ON earnings_ledger (refund_id, channel) WHERE refund_id IS NOT NULL;
    ALTER TABLE earnings_ledger ADD CONSTRAINT earnings_ledger_sign CHECK ((refund_id IS NULL AND amount >= 0) OR (refund_id IS NOT NULL AND amount <= 0));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await runSql(knex, `
    DELETE FROM earnings_ledger WHERE refund_id IS NOT NULL;
    ALTER TABLE earnings_ledger DROP CONSTRAINT earnings_ledger_sign;
    DROP INDEX earnings_ledger_one_per_refund_channel;
    DROP INDEX earnings_ledger_one_per_payment_channel;
    ALTER TABLE earnings_ledger ADD CONSTRAINT earnings_ledger_amount_check CHECK (amount >= 0);
    ALTER TABLE earnings_ledger ADD CONSTRAINT earnings_ledger_one_per_payment_channel UNIQUE (payment_id, channel);
    ALTER TABLE earnings_ledger DROP COLUMN refund_id;
    DROP TABLE payment_refunds;
  `);
}
