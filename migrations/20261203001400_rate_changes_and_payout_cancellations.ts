import type { Knex } from 'knex';
import { runSql } from '../server/db/run-sql.ts';

/**
 * Rates over time and cancelled payouts (DESIGN §9), both append-only.
 *
 * `rate_changes`: a directory partner's commission_percent or a Technical Partner's
 * revenue_share_percent from a UTC date on. A payment earns at the latest change dated on or
 * before its paid_at's UTC date, or else at the account's own column (its rate before any change).
 * The columns are never edited by a change.
 *
 * `payout_cancellations`: a payout cancelled before it was marked paid. Its lines leave
 * `payout_lines` (so they are approved again and the next run can pay them) and are kept in
 * `cancelled_payout_lines`, so what the payout held is still on record.
 */
export async function up(knex: Knex): Promise<void> {
  await runSql(knex, `
    CREATE TABLE rate_changes (
      -- the order the changes were made in: of two dated the same day, the later one counts
      id BIGSERIAL PRIMARY KEY,
      partner_id UUID REFERENCES directory_partners(id),
      technical_partner_id UUID REFERENCES technical_partners(id),
      percent NUMERIC(5,2) NOT NULL CHECK (percent >= 0 AND percent <= 100),
      effective_from DATE NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT rate_changes_one_account CHECK ((partner_id IS NULL) <> (technical_partner_id IS NULL))
    );
    CREATE INDEX rate_changes_partner_idx ON rate_changes (partner_id, effective_from DESC, id DESC) WHERE partner_id IS NOT NULL;
    CREATE INDEX rate_changes_technical_partner_idx ON rate_changes (technical_partner_id, effective_from DESC, id DESC)
      WHERE technical_partner_id IS NOT NULL;

    CREATE TABLE payout_cancellations (
      payout_id UUID PRIMARY KEY REFERENCES payouts(id),
      reason TEXT,
      cancelled_at TIMESTAMPTZ NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE TABLE cancelled_payout_lines (
      payout_id UUID NOT NULL REFERENCES payout_cancellations(payout_id),
      ledger_id UUID NOT NULL REFERENCES earnings_ledger(id),
      PRIMARY KEY (payout_id, ledger_id)
    );
    CREATE INDEX cancelled_payout_lines_ledger_idx ON cancelled_payout_lines (ledger_id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await runSql(knex, `
    DROP TABLE cancelled_payout_lines;
    DROP TABLE payout_cancellations;
    DROP TABLE rate_changes;
  `);
}
