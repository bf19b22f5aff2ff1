import type { Knex } from 'knex';
import type { Insert } from '../../db/database.ts';
import { LAST_MONTHS_START } from '../../db/months.ts';
import { POOL_MEMBERS } from '../../summaries/summaries.ts';

export interface PartnerRow {
  id: string;
  directory_name: string;
  site_url: string | null;
  contact_name: string | null;
  contact_email: string | null;
  commission_percent: string;
  status: 'active' | 'paused' | 'suspended' | 'terminated';
  allowed_origins: string[];
  total_commission_earned: string;
  created_at: Date;
  updated_at: Date;
}

export function findPartner(knex: Knex | Knex.Transaction, partnerId: string): Promise<PartnerRow | undefined> {
  return knex('directory_partners').where({ id: partnerId }).first();
}

/** The partner's row, held until the transaction ends. */
export function lockPartner(trx: Knex.Transaction, partnerId: string): Promise<PartnerRow | undefined> {
  return trx('directory_partners').where({ id: partnerId }).forUpdate().first();
}

/** The id of the directory of that name, compared case-insensitively. */
export async function partnerIdByName(knex: Knex | Knex.Transaction, directoryName: string): Promise<string | undefined> {
  const row = await knex('directory_partners').whereRaw('lower(directory_name) = lower(?)', [directoryName]).first('id');
  return row?.id;
}

export async function insertPartner(trx: Knex.Transaction, fields: Insert<PartnerRow>): Promise<PartnerRow> {
  const [row] = await trx('directory_partners').insert(fields).returning('*');
  return row;
}

// ---- A partner's developer impact ----

/** The partner's referrals: all, converted, and those whose business is in the data pool. */
export async function referralCounts(knex: Knex, partnerId: string): Promise<{ total: number; converted: number; in_data_pool: number }> {
  const { rows } = await knex.raw(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE pr.is_converted)::int AS converted, count(pool.id)::int AS in_data_pool
     FROM partner_referrals pr
     LEFT JOIN (${POOL_MEMBERS}) pool ON pool.id = pr.referred_business_id AND pool.partner_id = pr.partner_id
     WHERE pr.partner_id = ?`,
    [partnerId],
  );
  return rows[0];
}

export interface ImpactAppRow {
  id: string;
  name: string;
  url: string | null;
  company: string | null;
  records_served: string | number;
  businesses_attributed: number;
}

/** Apps that read the partner's records or brought in businesses it converted; most records first. */
export async function appsOnPartnerData(knex: Knex, partnerId: string): Promise<ImpactAppRow[]> {
  const { rows } = await knex.raw(
    `WITH served AS (
       SELECT app_id, sum(records_served)::bigint AS records FROM app_directory_contributions WHERE partner_id = ? GROUP BY app_id
     ), attributed AS (
       SELECT a.app_id, count(*)::int AS n
       FROM app_business_attributions a
       JOIN partner_referrals pr ON pr.referred_business_id = a.business_id AND pr.partner_id = ? AND pr.is_converted
       WHERE a.app_id IS NOT NULL GROUP BY a.app_id
     )
     SELECT a.id, a.name, a.url, d.company, coalesce(s.records, 0)::bigint AS records_served, coalesce(t.n, 0) AS businesses_attributed
     FROM developer_apps a JOIN developer_accounts d ON d.id = a.developer_id
     LEFT JOIN served s ON s.app_id = a.id LEFT JOIN attributed t ON t.app_id = a.id
     WHERE s.app_id IS NOT NULL OR t.app_id IS NOT NULL
     ORDER BY records_served DESC, a.name LIMIT 100`,
    [partnerId, partnerId],
  );
  return rows;
}

/** Records of the partner's businesses read by all apps, ever. */
export async function recordsServed(knex: Knex, partnerId: string): Promise<number> {
  const { rows } = await knex.raw(`SELECT coalesce(sum(records_served), 0)::bigint AS records FROM app_directory_contributions WHERE partner_id = ?`, [
    partnerId,
  ]);
  return Number(rows[0].records);
}

/** Metered calls about the businesses the partner converted, per API product, most first. */
export async function callsByProduct(knex: Knex, partnerId: string): Promise<{ product: string; calls: string | number }[]> {
  const { rows } = await knex.raw(
    `SELECT u.product, sum(u.calls)::bigint AS calls
     FROM api_usage u JOIN partner_referrals pr ON pr.referred_business_id = u.business_id AND pr.partner_id = ? AND pr.is_converted
     GROUP BY u.product ORDER BY 2 DESC`,
    [partnerId],
  );
  return rows;
}

/** The partner's commissions in each month of the last `months` that has any, oldest first. */
export async function commissionsByMonth(knex: Knex, partnerId: string, months: number): Promise<{ month: string; amount: string }[]> {
  const { rows } = await knex.raw(
    `SELECT to_char(date_trunc('month', earned_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, sum(amount)::numeric(14,2)::text AS amount
     FROM earnings_ledger WHERE partner_id = ? AND channel = 'partner' AND earned_at >= ${LAST_MONTHS_START} AT TIME ZONE 'UTC'
     GROUP BY 1 ORDER BY 1`,
    [partnerId, months],
  );
  return rows;
}

// ---- Requests to link a developer account ----

export interface LinkRequestRow {
  id: string;
  partner_id: string;
  email: string;
  code_hash: string;
  app_name: string;
  app_url: string | null;
  expires_at: Date;
  confirmed_at: Date | null;
  created_at: Date;
}

export async function insertLinkRequest(trx: Knex.Transaction, fields: Insert<LinkRequestRow>): Promise<LinkRequestRow> {
  const [row] = await trx('partner_link_requests').insert(fields).returning('*');
  return row;
}

/** The unconfirmed, unexpired request with that code hash, held until the transaction ends. */
export function lockOpenLinkRequest(trx: Knex.Transaction, codeHash: string): Promise<LinkRequestRow | undefined> {
  return trx('partner_link_requests').where({ code_hash: codeHash }).whereNull('confirmed_at').where('expires_at', '>', trx.fn.now()).forUpdate().first();
}

export async function markLinkRequestConfirmed(trx: Knex.Transaction, id: string): Promise<void> {
  await trx('partner_link_requests').where({ id }).update({ confirmed_at: trx.fn.now() });
}
