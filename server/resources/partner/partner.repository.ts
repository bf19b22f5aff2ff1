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

/** Every metric but the businesses attributed per app: named, so the index skips those rows. */
const OWN_FIGURES: PartnerMetric[] = ['referrals', 'conversions', 'pool_businesses', 'records_served', 'api_calls', 'commissions'];

/**
 * The partner's running figures per (metric, item), as exact decimal strings (commissions in
 * cents); its businesses attributed per app are left to `appsOnPartnerData`.
 */
export async function partnerCounters(knex: Knex, partnerId: string): Promise<{ metric: PartnerMetric; item: string; value: string }[]> {
  const { rows } = await knex.raw(
    `SELECT metric, item, (CASE WHEN metric = 'commissions' THEN sum(value)::numeric(14,2) ELSE sum(value) END)::text AS value
     FROM partner_counters WHERE partner_id = ? AND metric = ANY(?::text[]) GROUP BY metric, item`,
    [partnerId, OWN_FIGURES],
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

/** How many apps the developer-impact view lists. */
const IMPACT_APPS = 100;

/**
 * The first apps that read the partner's records or brought in businesses it converted, most
 * records first, then by name. Only candidates are looked at, so a directory that hundreds of apps
 * read costs about as much as a small one: the apps with at least as many records as the
 * hundredth (from the index on (partner_id, records_served DESC)), and the apps with attributed
 * businesses only when fewer than a hundred apps read any of its records. Two statements: planned
 * as one, the candidates' count is unknown to the planner and it joins every app instead.
 */
export async function appsOnPartnerData(knex: Knex, partnerId: string): Promise<ImpactAppRow[]> {
  const { rows: candidates } = await knex.raw(
    `WITH cut AS (
       SELECT coalesce(min(records_served), 0) AS least, count(*) AS apps
       FROM (SELECT records_served FROM app_directory_totals WHERE partner_id = :p ORDER BY records_served DESC LIMIT :n) top
     )
     SELECT t.app_id AS id, t.records_served AS records FROM app_directory_totals t, cut WHERE t.partner_id = :p AND t.records_served >= cut.least
     UNION ALL
     SELECT c.item::uuid, 0 FROM partner_counters c, cut
     WHERE c.partner_id = :p AND c.metric = 'attributed_businesses' AND cut.apps < :n
       AND NOT EXISTS (SELECT 1 FROM app_directory_totals x WHERE x.partner_id = :p AND x.app_id = c.item::uuid)
     GROUP BY c.item HAVING sum(c.value) > 0`,
    { p: partnerId, n: IMPACT_APPS },
  );
  if (candidates.length === 0) return [];
  const { rows } = await knex.raw(
    `SELECT a.id, a.name, a.url, d.company, c.records AS records_served, coalesce(att.n, 0)::int AS businesses_attributed
     FROM json_to_recordset(:candidates::json) AS c(id uuid, records bigint)
     JOIN developer_apps a ON a.id = c.id
     JOIN developer_accounts d ON d.id = a.developer_id
     LEFT JOIN (
       SELECT item::uuid AS app_id, sum(value) AS n FROM partner_counters
       WHERE partner_id = :p AND metric = 'attributed_businesses' AND item = ANY(:ids::text[]) GROUP BY item
     ) att ON att.app_id = a.id
     ORDER BY c.records DESC, a.name LIMIT :n`,
    {
      candidates: JSON.stringify(candidates),
      p: partnerId,
      ids: (candidates as { id: string }[]).map((c) => c.id),
      n: IMPACT_APPS,
    },
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
