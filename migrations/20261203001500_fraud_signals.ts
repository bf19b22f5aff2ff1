import type { Knex } from 'knex';
import { runSql } from '../server/db/run-sql.ts';

/**
 * Fraud holds (DESIGN §9). A signal is a row of its own with its evidence; while it is open, the
 * beneficiary's new earnings are linked to it (`fraud_signal_holds`) and are `on_hold`. The admin
 * releases it (the lines fall back to pending or approved by their `approves_at`), voids it
 * (negative lines, `void_signal_id` set, bring each held earning to zero) or suspends the partner
 * (a void, and the partner's status `suspended`). The ledger stays append-only: a signal's state
 * changes, a line never does.
 *
 * The evidence the signals need already exists: a business's owner email (`businesses.contact_email`,
 * its domain standing for the business's own) and a partner's contact email and site URL.
 */
export async function up(knex: Knex): Promise<void> {
  await runSql(knex, `
    CREATE TABLE fraud_signals (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      beneficiary_kind TEXT NOT NULL CHECK (beneficiary_kind IN ('partner', 'developer')),
      partner_id UUID REFERENCES directory_partners(id),
      developer_id UUID REFERENCES developer_accounts(id),
      kind TEXT NOT NULL CHECK (kind IN ('self_referral', 'refund_share', 'conversion_burst')),
      -- what one signal is about, at most one signal each: the business (self_referral), the UTC
      -- day (conversion_burst); none for refund_share (at most one open at a time)
      subject TEXT,
      evidence JSONB NOT NULL,
      opened_at TIMESTAMPTZ NOT NULL,
      state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'released', 'voided')),
      resolution TEXT CHECK (resolution IN ('release', 'void', 'suspend')),
      resolved_by TEXT,
      resolved_at TIMESTAMPTZ,
      CONSTRAINT fraud_signals_beneficiary CHECK (
        (beneficiary_kind = 'partner' AND partner_id IS NOT NULL AND developer_id IS NULL)
        OR (beneficiary_kind = 'developer' AND developer_id IS NOT NULL AND partner_id IS NULL)),
      CONSTRAINT fraud_signals_resolution CHECK (
        (state = 'open' AND resolution IS NULL AND resolved_at IS NULL AND resolved_by IS NULL)
        OR (state = 'released' AND resolution = 'release' AND resolved_at IS NOT NULL AND resolved_by IS NOT NULL)
        OR (state = 'voided' AND resolution IN ('void', 'suspend') AND resolved_at IS NOT NULL AND resolved_by IS NOT NULL))
    );
    CREATE UNIQUE INDEX fraud_signals_one_per_subject
      ON fraud_signals (coalesce(partner_id, developer_id), kind, subject) WHERE subject IS NOT NULL;
    CREATE UNIQUE INDEX fraud_signals_one_open_without_subject
      ON fraud_signals (coalesce(partner_id, developer_id), kind) WHERE subject IS NULL AND state = 'open';
    CREATE INDEX fraud_signals_queue_idx ON fraud_signals (state, opened_at DESC, id DESC);
    CREATE INDEX fraud_signals_open_partner_idx ON fraud_signals (partner_id) WHERE state = 'open';
    CREATE INDEX fraud_signals_open_developer_idx ON fraud_signals (developer_id) WHERE state = 'open';

    -- the earnings each signal holds: written with the earning, never removed
    CREATE TABLE fraud_signal_holds (
      signal_id UUID NOT NULL REFERENCES fraud_signals(id),
      ledger_id UUID NOT NULL REFERENCES earnings_ledger(id),
      PRIMARY KEY (signal_id, ledger_id)
    );
    CREATE INDEX fraud_signal_holds_ledger_idx ON fraud_signal_holds (ledger_id);

    -- a line that voids a held earning (negative, like a refund's)
    ALTER TABLE earnings_ledger ADD COLUMN void_signal_id UUID REFERENCES fraud_signals(id);
    DROP INDEX earnings_ledger_one_per_payment_channel;
    CREATE UNIQUE INDEX earnings_ledger_one_per_payment_channel ON earnings_ledger (payment_id, channel)
      WHERE refund_id IS NULL AND void_signal_id IS NULL;
    CREATE UNIQUE INDEX earnings_ledger_one_void_per_signal ON earnings_ledger (void_signal_id, payment_id, channel)
      WHERE void_signal_id IS NOT NULL;
    ALTER TABLE earnings_ledger DROP CONSTRAINT earnings_ledger_sign;
    ALTER TABLE earnings_ledger ADD CONSTRAINT earnings_ledger_sign CHECK (
      (refund_id IS NULL AND void_signal_id IS NULL AND amount >= 0)
      OR (num_nonnulls(refund_id, void_signal_id) = 1 AND amount <= 0));

    -- a partner suspended after review earns nothing on new payments (its token still reads)
    ALTER TABLE directory_partners DROP CONSTRAINT directory_partners_status_check;
    ALTER TABLE directory_partners ADD CONSTRAINT directory_partners_status_check
      CHECK (status IN ('active', 'paused', 'suspended', 'terminated'));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await runSql(knex, `
    UPDATE directory_partners SET status = 'paused' WHERE status = 'suspended';
    ALTER TABLE directory_partners DROP CONSTRAINT directory_partners_status_check;
    ALTER TABLE directory_partners ADD CONSTRAINT directory_partners_status_check
      CHECK (status IN ('active', 'paused', 'terminated'));
    DELETE FROM earnings_ledger WHERE void_signal_id IS NOT NULL;
    ALTER TABLE earnings_ledger DROP CONSTRAINT earnings_ledger_sign;
    ALTER TABLE earnings_ledger ADD CONSTRAINT earnings_ledger_sign CHECK ((refund_id IS NULL AND amount >= 0) OR (refund_id IS NOT NULL AND amount <= 0));
    DROP INDEX earnings_ledger_one_void_per_signal;
    DROP INDEX earnings_ledger_one_per_payment_channel;
    CREATE UNIQUE INDEX earnings_ledger_one_per_payment_channel ON earnings_ledger (payment_id, channel) WHERE refund_id IS NULL;
    ALTER TABLE earnings_ledger DROP COLUMN void_signal_id;
    DROP TABLE fraud_signal_holds;
    DROP TABLE fraud_signals;
  `);
}
