import type { Knex } from 'knex';
import type { z } from 'zod';
import { transaction } from '../../db/transaction.ts';
import { conflict, notFound } from '../../errors.ts';
import { addCents } from '../../money.ts';
import { bumpCounters } from '../../summaries/summaries.ts';
import * as developers from '../developer/developer.repository.ts';
import { findByPartner } from '../technical-partners/technical-partners.repository.ts';
import * as technicalPartners from '../technical-partners/technical-partners.service.ts';
import * as repository from './partner.repository.ts';
import type * as schemas from './partner.schemas.ts';

/** Months of commissions the developer-impact page lists, this one included. */
const COMMISSION_MONTHS = 12;

/** A directory partner's view of the developer side of the ecosystem, and its upgrade path. */
export async function developerImpact(knex: Knex, partnerId: string): Promise<z.input<typeof schemas.DeveloperImpact>> {
  const partner = await repository.findPartner(knex, partnerId);
  if (!partner) throw notFound('Partner');
  const [referrals, apps, recordsServed, products, commissions, tp] = await Promise.all([
    repository.referralCounts(knex, partnerId),
    repository.appsOnPartnerData(knex, partnerId),
    repository.recordsServed(knex, partnerId),
    repository.callsByProduct(knex, partnerId),
    repository.commissionsByMonth(knex, partnerId, COMMISSION_MONTHS),
    findByPartner(knex, partnerId),
  ]);
  const technicalPartner = tp ? technicalPartners.present(tp) : null;
  return {
    partner: { id: partner.id, directory_name: partner.directory_name, commission_percent: partner.commission_percent, status: partner.status },
    referrals,
    apps: apps.map((a) => ({ ...a, records_served: Number(a.records_served) })),
    api_usage: {
      records_served: recordsServed,
      calls: products.reduce((s, p) => s + Number(p.calls), 0),
      by_product: products.map((p) => ({ product: p.product as 'cmal', calls: Number(p.calls) })),
    },
    commissions: { total: partner.total_commission_earned, by_month: commissions },
    technical_partner: technicalPartner,
    combined_earnings: addCents(partner.total_commission_earned, technicalPartner?.total_app_earnings ?? '0.00'),
  };
}

/**
 * The partner-to-developer upgrade: reuse the partner's linked developer account, or link an
 * unlinked account with the given email, or create one; then a pending technical-partner
 * application tied to both.
 */
export async function applyAsTechnicalPartner(
  knex: Knex,
  partnerId: string,
  body: z.output<typeof schemas.PartnerApplyBody>,
): Promise<z.input<typeof schemas.PartnerApplication>> {
  return transaction(knex, async (trx) => {
    const partner = await repository.lockPartner(trx, partnerId);
    if (!partner) throw notFound('Partner');
    let developer = await developers.developerOfPartner(trx, partnerId);
    let created = false;
    if (!developer) {
      const byEmail = await developers.developerByEmail(trx, body.email);
      if (byEmail?.partner_id) throw conflict('That email belongs to a developer account linked to another partner');
      if (byEmail) {
        await developers.linkToPartner(trx, byEmail.id, partnerId);
        developer = byEmail;
      } else {
        developer = await developers.insertDeveloper(trx, {
          name: body.name ?? partner.contact_name ?? partner.directory_name,
          email: body.email,
          company: body.company ?? partner.directory_name,
          partner_id: partnerId,
        });
        created = true;
        await bumpCounters(trx, [{ metric: 'developers', at: developer.created_at, delta: 1 }]);
      }
    }
    const row = await technicalPartners.apply(trx, { developerId: developer.id, partnerId, appName: body.app_name, appUrl: body.app_url ?? null });
    return {
      developer_id: developer.id,
      developer_created: created,
      technical_partner: technicalPartners.present(row),
      created_at: row.created_at.toISOString(),
    };
  });
}
