import type { Knex } from 'knex';
import type { z } from 'zod';
import { conflict, notFound } from '../../errors.ts';
import { bumpCounters } from '../../summaries/summaries.ts';
import * as technicalPartners from '../technical-partners/technical-partners.service.ts';
import { findByPartner } from '../technical-partners/technical-partners.repository.ts';
import type * as schemas from './partner.schemas.ts';
import { transaction } from '../../db/transaction.ts';

/** A directory partner's view of the developer side of the ecosystem, and its upgrade path. */
export async function developerImpact(knex: Knex, partnerId: string): Promise<z.input<typeof schemas.DeveloperImpact>> {
  const partner = await knex('directory_partners').where({ id: partnerId }).first('id', 'directory_name', 'commission_percent', 'status', 'total_commission_earned');
  if (!partner) throw notFound('Partner');
  const [referrals, apps, usage, byProduct, commissions, tp] = await Promise.all([
    knex.raw(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE pr.is_converted)::int AS converted,
              count(*) FILTER (WHERE pr.is_converted AND b.is_verified)::int AS in_data_pool
       FROM partner_referrals pr JOIN businesses b ON b.id = pr.referred_business_id WHERE pr.partner_id = ?`,
      [partnerId],
    ),
    knex.raw(
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
    ),
    knex.raw(`SELECT coalesce(sum(records_served), 0)::bigint AS records FROM app_directory_contributions WHERE partner_id = ?`, [partnerId]),
    knex.raw(
      `SELECT u.product, sum(u.calls)::bigint AS calls
       FROM api_usage u JOIN partner_referrals pr ON pr.referred_business_id = u.business_id AND pr.partner_id = ? AND pr.is_converted
       GROUP BY u.product ORDER BY 2 DESC`,
      [partnerId],
    ),
    knex.raw(
      `SELECT to_char(date_trunc('month', earned_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, sum(amount)::numeric(14,2)::text AS amount
       FROM earnings_ledger WHERE partner_id = ? AND channel = 'partner' AND earned_at >= date_trunc('month', now() - interval '11 months')
       GROUP BY 1 ORDER BY 1`,
      [partnerId],
    ),
    findByPartner(knex, partnerId),
  ]);
  const tpEarnings = tp?.total_app_earnings ?? '0.00';
  const combined = await knex.raw('SELECT (?::numeric + ?::numeric)::numeric(14,2)::text AS total', [partner.total_commission_earned, tpEarnings]);
  const products = byProduct.rows as { product: string; calls: number }[];
  return {
    partner: { id: partner.id, directory_name: partner.directory_name, commission_percent: partner.commission_percent, status: partner.status },
    referrals: referrals.rows[0],
    apps: (apps.rows as Record<string, any>[]).map((a) => ({ ...a, records_served: Number(a.records_served) }) as z.input<typeof schemas.DeveloperImpact>['apps'][number]),
    api_usage: {
      records_served: Number(usage.rows[0].records),
      calls: products.reduce((s, p) => s + Number(p.calls), 0),
      by_product: products.map((p) => ({ product: p.product as 'cmal', calls: Number(p.calls) })),
    },
    commissions: { total: partner.total_commission_earned, by_month: commissions.rows },
    technical_partner: tp ? technicalPartners.present(tp) : null,
    combined_earnings: combined.rows[0].total,
  };
}

/**
 * The partner-to-developer upgrade: reuse the partner's linked developer account, or link an
 * unlinked account with the given email, or create one; then a pending technical-partner
 * application tied to both.
 */
export async function applyAsTechnicalPartner(knex: Knex, partnerId: string, body: z.output<typeof schemas.PartnerApplyBody>): Promise<z.input<typeof schemas.PartnerApplication>> {
  return transaction(knex, async (trx) => {
    const partner = await trx('directory_partners').where({ id: partnerId }).forUpdate().first('id', 'directory_name', 'contact_name');
    if (!partner) throw notFound('Partner');
    let developer = await trx('developer_accounts').where({ partner_id: partnerId }).first('id');
    let created = false;
    if (!developer) {
      const byEmail = await trx('developer_accounts').whereRaw('lower(email) = lower(?)', [body.email]).first('id', 'partner_id');
      if (byEmail?.partner_id) throw conflict('That email belongs to a developer account linked to another partner');
      if (byEmail) {
        await trx('developer_accounts').where({ id: byEmail.id }).update({ partner_id: partnerId, updated_at: trx.fn.now() });
        developer = byEmail;
      } else {
        [developer] = await trx('developer_accounts')
          .insert({
            name: body.name ?? partner.contact_name ?? partner.directory_name,
            email: body.email,
            company: body.company ?? partner.directory_name,
            partner_id: partnerId,
          })
          .returning(['id', 'created_at']);
        created = true;
        await bumpCounters(trx, [{ metric: 'developers', at: developer!.created_at, delta: 1 }]);
      }
    }
    const row = await technicalPartners.apply(trx, { developerId: developer!.id, partnerId, appName: body.app_name, appUrl: body.app_url ?? null });
    return { developer_id: developer!.id, developer_created: created, technical_partner: technicalPartners.present(row), created_at: row.created_at.toISOString() };
  });
}
