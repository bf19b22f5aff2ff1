import type { Knex } from 'knex';
import { forgetVerifiedKeys } from '../credentials/verified-keys.ts';
import { rateInForceSql } from '../rates/rates.repository.ts';

export interface TechnicalPartnerRow {
  id: string;
  developer_id: string;
  partner_id: string | null;
  status: 'pending' | 'active' | 'suspended';
  revenue_share_percent: string | null;
  total_app_referrals: number | null;
  total_app_earnings: string | null;
  app_name: string | null;
  app_url: string | null;
  approved_at: Date | null;
  suspended_at: Date | null;
  created_at: Date;
  updated_at: Date;
  /** The share in force now, rate changes applied (NULL: the default); read rows carry it, a new application does not. */
  revenue_share_in_force?: string | null;
}

/** Every column of `alias`, and the revenue share in force now. */
const withShareInForce = (knex: Knex | Knex.Transaction, alias = 'technical_partners') => [
  `${alias}.*`,
  knex.raw(`${rateInForceSql('technical_partner', `${alias}.id`, `${alias}.revenue_share_percent`, 'now()')} AS revenue_share_in_force`),
];

export function findByDeveloper(knex: Knex | Knex.Transaction, developerId: string): Promise<TechnicalPartnerRow | undefined> {
  return knex('technical_partners').where({ developer_id: developerId }).first(withShareInForce(knex));
}

export function findByPartner(knex: Knex, partnerId: string): Promise<TechnicalPartnerRow | undefined> {
  return knex('technical_partners').where({ partner_id: partnerId }).orderBy('created_at').first(withShareInForce(knex));
}

export function lockById(trx: Knex.Transaction, id: string): Promise<TechnicalPartnerRow | undefined> {
  return trx('technical_partners').where({ id }).forUpdate().first(withShareInForce(trx));
}

/** A new application, or undefined when the developer already has one (one per developer). */
export async function insert(trx: Knex | Knex.Transaction, row: Partial<TechnicalPartnerRow>): Promise<TechnicalPartnerRow | undefined> {
  const [created] = await trx('technical_partners').insert(row).onConflict('developer_id').ignore().returning('*');
  return created;
}

export async function update(trx: Knex.Transaction, id: string, changes: Partial<TechnicalPartnerRow>): Promise<TechnicalPartnerRow> {
  await trx('technical_partners')
    .where({ id })
    .update({ ...changes, updated_at: trx.fn.now() });
  return trx('technical_partners').where({ id }).first(withShareInForce(trx));
}

export interface ListFilter {
  status?: TechnicalPartnerRow['status'] | undefined;
  limit: number;
  /** After (pending first: 0, else 1; created_at; id). */
  after?: [number, string, string] | undefined;
}

/** Days of API calls an application's evidence counts. */
export const EVIDENCE_DAYS = 30;

const RANK = "CASE WHEN tp.status = 'pending' THEN 0 ELSE 1 END";

export interface ListedRow extends TechnicalPartnerRow {
  rank: number;
  developer_name: string;
  developer_email: string;
  developer_company: string | null;
  directory_name: string | null;
  apps: number | string;
  businesses_attributed: number | string;
  api_calls: number | string;
  referrals: number | string | null;
  referrals_converted: number | string | null;
}

/**
 * Applications, pending ones first, then newest first, each with the evidence an admin weighs:
 * the developer's apps, the businesses attributed to them, its API calls of the last
 * EVIDENCE_DAYS days and, for a directory partner, its referrals. The correlated counts run per
 * listed row only (a page holds at most 100), each on an index led by the developer or partner.
 */
export function list(knex: Knex, filter: ListFilter) {
  const query = knex('technical_partners as tp')
    .join('developer_accounts as d', 'd.id', 'tp.developer_id')
    .leftJoin('directory_partners as p', 'p.id', 'tp.partner_id')
    .select(
      ...withShareInForce(knex, 'tp'),
      knex.raw(`${RANK} as rank`),
      'd.name as developer_name',
      'd.email as developer_email',
      'd.company as developer_company',
      'p.directory_name',
      knex('developer_apps as a').count('*').whereRaw('a.developer_id = tp.developer_id').as('apps'),
      knex('app_business_attributions as b').count('*').whereRaw('b.developer_id = tp.developer_id').as('businesses_attributed'),
      knex('api_usage as u')
        .select(knex.raw('coalesce(sum(u.calls), 0)'))
        .whereRaw('u.developer_id = tp.developer_id')
        .whereRaw(`u.usage_date > current_date - ${EVIDENCE_DAYS}`)
        .as('api_calls'),
      knex.raw('CASE WHEN tp.partner_id IS NULL THEN NULL ELSE (SELECT count(*) FROM partner_referrals r WHERE r.partner_id = tp.partner_id) END as referrals'),
      knex.raw(
        'CASE WHEN tp.partner_id IS NULL THEN NULL ELSE (SELECT count(*) FROM partner_referrals r WHERE r.partner_id = tp.partner_id AND r.is_converted) END as referrals_converted',
      ),
    )
    .orderByRaw(`${RANK}, tp.created_at DESC, tp.id DESC`)
    .limit(filter.limit);
  if (filter.status) query.where('tp.status', filter.status);
  if (filter.after) {
    const [afterRank, at, id] = filter.after;
    query.whereRaw(`(${RANK} > ? OR (${RANK} = ? AND (tp.created_at, tp.id) < (?::timestamptz, ?::uuid)))`, [afterRank, afterRank, at, id]);
  }
  return query as unknown as Promise<ListedRow[]>;
}

export function prices(
  knex: Knex | Knex.Transaction,
): Promise<{ code: string; name: string; price_per_1000: string; technical_partner_price_per_1000: string }[]> {
  return knex('api_products').orderBy('code').select('code', 'name', 'price_per_1000', 'technical_partner_price_per_1000');
}

/**
 * Revokes the developer's preferential-tier keys (a suspended partnership loses its pricing); the
 * process forgets the keys it verified once the transaction commits.
 */
export function revokePreferentialKeys(trx: Knex.Transaction, developerId: string): Promise<number> {
  trx.executionPromise.then(forgetVerifiedKeys, () => {});
  return trx('api_keys').where({ developer_id: developerId, pricing_tier: 'technical_partner' }).whereNull('revoked_at').update({ revoked_at: trx.fn.now() });
}

/** Counts one more business attributed to the developer's apps (when the developer is a Technical Partner). */
export async function addAppReferral(trx: Knex.Transaction, developerId: string): Promise<void> {
  await trx('technical_partners')
    .where({ developer_id: developerId })
    .update({ total_app_referrals: trx.raw('coalesce(total_app_referrals, 0) + 1'), updated_at: trx.fn.now() });
}
