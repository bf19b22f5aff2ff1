import type { Knex } from 'knex';
import { runSql } from '../server/db/run-sql.ts';

/**
 * Money after the payment (DESIGN §9): when each earning is approved, fraud holds, and payouts.
 * The ledger stays append-only: an earning's state is derived from rows written beside it
 * (`approves_at` fixed when the line is written, a hold, the payout that locked it, the transfer
 * that paid that payout), never from an edit of a line.
 */
export async function up(knex: Knex): Promise<void> {
  await runSql(knex, `
    -- when the hold period of the earning ends; a reversal line shares its earning's date. Lines
    -- written before holds existed get the default 30 days (of 24 hours).
    ALTER TABLE earnings_ledger ADD COLUMN approves_at TIMESTAMPTZ;
    UPDATE earnings_ledger SET approves_at = earned_at + interval '720 hours' WHERE refund_id IS NULL;
    UPDATE earnings_ledger r SET approves_at = o.approves_at
      FROM earnings_ledger o
      WHERE r.refund_id IS NOT NULL AND o.payment_id = r.payment_id AND o.channel = r.channel AND o.refund_id IS NULL;
    ALTER TABLE earnings_ledger ALTER COLUMN approves_at SET NOT NULL;

    -- an earning held for review (fraud signals): neither approved nor paid while held; its
    -- reversal lines are held with it
    CREATE TABLE earning_holds (
      ledger_id UUID PRIMARY KEY REFERENCES earnings_ledger(id),
      reason TEXT NOT NULL,
      held_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );

    CREATE TABLE payout_runs (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      idempotency_key TEXT NOT NULL UNIQUE,
      -- earnings approved by this moment were considered
      cutoff TIMESTAMPTZ NOT NULL,
      minimum NUMERIC(12,2) NOT NULL CHECK (minimum > 0),
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX payout_runs_created_idx ON payout_runs (created_at DESC, id DESC);

    CREATE TABLE payouts (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      run_id UUID NOT NULL REFERENCES payout_runs(id),
      beneficiary_kind TEXT NOT NULL CHECK (beneficiary_kind IN ('partner', 'developer')),
      partner_id UUID REFERENCES directory_partners(id),
      developer_id UUID REFERENCES developer_accounts(id),
      amount NUMERIC(14,2) NOT NULL CHECK (amount > 0),
      line_count INTEGER NOT NULL CHECK (line_count > 0),
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT payouts_beneficiary CHECK (
        (beneficiary_kind = 'partner' AND partner_id IS NOT NULL AND developer_id IS NULL)
        OR (beneficiary_kind = 'developer' AND developer_id IS NOT NULL AND partner_id IS NULL))
    );
    CREATE UNIQUE INDEX payouts_one_per_partner_and_run ON payouts (run_id, partner_id) WHERE partner_id IS NOT NULL;
    CREATE UNIQUE INDEX payouts_one_per_developer_and_run ON payouts (run_id, developer_id) WHERE developer_id IS NOT NULL;
    CREATE INDEX payouts_partner_idx ON payouts (partner_id, created_at DESC, id DESC);
    CREATE INDEX payouts_developer_idx ON payouts (developer_id, created_at DESC, id DESC);

    -- a line belongs to at most one payout, ever: a run can never pay a line twice
    CREATE TABLE payout_lines (
      ledger_id UUID PRIMARY KEY REFERENCES earnings_ledger(id),
      payout_id UUID NOT NULL REFERENCES payouts(id)
    );
    CREATE INDEX payout_lines_payout_idx ON payout_lines (payout_id);

    -- a payout marked paid (the money left); at most once
    CREATE TABLE payout_transfers (
      payout_id UUID PRIMARY KEY REFERENCES payouts(id),
      reference TEXT,
      paid_at TIMESTAMPTZ NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await runSql(knex, `
    DROP TABLE payout_transfers;
    DROP TABLE payout_lines;
    DROP TABLE payouts;
    DROP TABLE payout_runs;
    DROP TABLE earning_holds;
    ALTER TABLE earnings_ledger DROP COLUMN approves_at;
  `);
}
