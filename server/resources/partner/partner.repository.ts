import type { Knex } from 'knex';
import type { Insert } from '../../db/database.ts';
import type { PartnerMetric } from '../../summaries/partner-counters.ts';

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

// ---- A partner's developer impact, from its running figures (summaries/partner-counters.ts) ----

/** The partner's running figures per (metric, item), as exact decimal strings (commissions in cents). */
export async function partnerCounters(knex: Knex, partnerId: string): Promise<{ metric: PartnerMetric; item: string; value: string }[]> {
  const { rows } = await knex.raw(
    `SELECT metric, item, (CASE WHEN metric = 'commissions' THEN sum(value)::numeric(14,2) ELSE sum(value) END)::text AS value
     FROM partner_counters WHERE partner_id = ? GROUP BY metric, item`,
    [partnerId],
  );
  return rows;
}

export interface ImpactAppRow {
  id: string;
  name: string;
  url: string | null;
  company: string | null;
  records_served: string | number;
  businesses_attributed: number;
}

/**
 * Apps that read the partner's records (all-time totals per app and directory) or brought in
 * businesses it converted (`attributed`: app id → count, from its running figures); most records first.
 */
export async function appsOnPartnerData(knex: Knex, partnerId: string, attributed: Map<string, number>): Promise<ImpactAppRow[]> {
  const { rows } = await knex.raw(
    `WITH attributed AS (
       SELECT t.app_id, t.n FROM json_to_recordset(?::json) AS t(app_id uuid, n int)
     ), apps AS (
       SELECT app_id FROM app_directory_totals WHERE partner_id = ? UNION SELECT app_id FROM attributed
     )
     SELECT a.id, a.name, a.url, d.company, coalesce(s.records_served, 0)::bigint AS records_served, coalesce(t.n, 0) AS businesses_attributed
     FROM apps JOIN developer_apps a ON a.id = apps.app_id JOIN developer_accounts d ON d.id = a.developer_id
     LEFT JOIN app_directory_totals s ON s.app_id = a.id AND s.partner_id = ? LEFT JOIN attributed t ON t.app_id = a.id
     ORDER BY records_served DESC, a.name LIMIT 100`,
    [JSON.stringify([...attributed].map(([app_id, n]) => ({ app_id, n }))), partnerId, partnerId],
  );
  return rows;
}

/** Records of the partner's businesses read by all apps, ever. */
export async function recordsServed(knex: Knex, partnerId: string): Promise<number> {
  const { rows } = await knex.raw(`SELECT coalesce(sum(records_served), 0)::bigint AS records FROM app_directory_totals WHERE partner_id = ?`, [partnerId]);
  return Number(rows[0].records);
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
