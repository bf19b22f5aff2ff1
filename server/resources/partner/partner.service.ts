import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { z } from 'zod';
import { windowStartMonth } from '../../db/months.ts';
import { transaction } from '../../db/transaction.ts';
import { conflict, notFound } from '../../errors.ts';
import type { Answer } from '../../http/api.ts';
import { addCents } from '../../money.ts';
import type { PartnerMetric } from '../../summaries/partner-counters.ts';
import { hashSecret } from '../credentials/secrets.ts';
import * as developers from '../developer/developer.repository.ts';
import { findOwner } from '../rates/rates.repository.ts';
import { findByPartner } from '../technical-partners/technical-partners.repository.ts';
import * as technicalPartners from '../technical-partners/technical-partners.service.ts';
import * as repository from './partner.repository.ts';
import type * as schemas from './partner.schemas.ts';

/** Months of commissions the developer-impact page lists, this one included. */
const COMMISSION_MONTHS = 12;

/** A directory partner's view of the developer side of the ecosystem, and its upgrade path. */
export async function developerImpact(knex: Knex, partnerId: string): Promise<Answer<typeof schemas.DeveloperImpact>> {
  const partner = await repository.findPartner(knex, partnerId);
  if (!partner) throw notFound('Partner');
  const [counters, apps, tp, rates] = await Promise.all([
    repository.partnerCounters(knex, partnerId),
    repository.appsOnPartnerData(knex, partnerId),
    findByPartner(knex, partnerId),
    findOwner(knex, { kind: 'partner', id: partnerId }),
  ]);
  const of = (metric: PartnerMetric) => counters.filter((c) => c.metric === metric);
  const count = (metric: PartnerMetric) => of(metric).reduce((sum, c) => sum + Number(c.value), 0);
  const products = of('api_calls')
    .filter((c) => Number(c.value) > 0)
    .map((c) => ({ product: c.item, calls: Number(c.value) }))
    .sort((a, b) => b.calls - a.calls || (a.product < b.product ? -1 : 1));
  const firstMonth = windowStartMonth(new Date(), COMMISSION_MONTHS);
  const commissions = of('commissions')
    .filter((c) => c.item >= firstMonth)
    .map((c) => ({ month: c.item, amount: c.value }))
    .sort((a, b) => (a.month < b.month ? -1 : 1));
  const technicalPartner = tp ? technicalPartners.present(tp) : null;
  return {
    partner: {
      id: partner.id,
      directory_name: partner.directory_name,
      commission_percent: rates?.percent_in_force ?? partner.commission_percent,
      status: partner.status,
    },
    referrals: { total: count('referrals'), converted: count('conversions'), in_data_pool: count('pool_businesses') },
    apps: apps.map((a) => ({ ...a, records_served: Number(a.records_served) })),
    api_usage: {
      records_served: count('records_served'),
      calls: products.reduce((s, p) => s + p.calls, 0),
      by_product: products.map((p) => ({ product: p.product as 'cmal', calls: p.calls })),
    },
    commissions: { total: partner.total_commission_earned, by_month: commissions },
    technical_partner: technicalPartner,
    combined_earnings: addCents(partner.total_commission_earned, technicalPartner?.total_app_earnings ?? '0.00'),
  };
}

/**
 * The partner's side of the preferential key: its application belongs to its linked developer
 * account, so the key is that account's, issued (and the earlier ones revoked) as the developer
 * would issue it. The partner dashboard is where a partner who applied there retrieves it.
 */
export async function issuePreferentialKey(knex: Knex, partnerId: string) {
  const application = await findByPartner(knex, partnerId);
  if (!application) throw notFound('Technical Partner application');
  return technicalPartners.rotatePreferentialKey(knex, application.developer_id);
}

/** How long a link code may be confirmed. */
const LINK_REQUEST_DAYS = 7;

const LINK_MESSAGE =
  'Application received. If this email belongs to an existing developer account, that developer must confirm the link ' +
  'with its own API key and this code (POST /v1/developer/me/partner-link/confirm); the application is filed then.';

/**
 * The partner-to-developer upgrade. A partner that already has a linked developer account files
 * its application at once. Otherwise nothing is linked, created or reserved by email: a one-time
 * code is issued, and the developer holding that email confirms with its own API key. The answer
 * is the same whether or not the email belongs to an account (no enumeration).
 */
export async function applyAsTechnicalPartner(
  knex: Knex,
  partnerId: string,
  body: z.output<typeof schemas.PartnerApplyBody>,
): Promise<Answer<typeof schemas.PartnerApplication>> {
  return transaction(knex, async (trx) => {
    const partner = await repository.lockPartner(trx, partnerId);
    if (!partner) throw notFound('Partner');
    const developer = await developers.developerOfPartner(trx, partnerId);
    if (developer) {
      const row = await technicalPartners.apply(trx, { developerId: developer.id, partnerId, appName: body.app_name, appUrl: body.app_url ?? null });
      return {
        status: 'application_filed',
        message: 'Application filed for your linked developer account.',
        technical_partner: technicalPartners.present(row),
        link_code: null,
        expires_at: null,
      };
    }
    const code = `ewl_${randomBytes(24).toString('base64url')}`;
    const request = await repository.insertLinkRequest(trx, {
      partner_id: partnerId,
      email: body.email,
      code_hash: hashSecret(code),
      app_name: body.app_name,
      app_url: body.app_url ?? null,
      expires_at: new Date(Date.now() + LINK_REQUEST_DAYS * 86_400_000),
    });
    return { status: 'confirmation_required', message: LINK_MESSAGE, technical_partner: null, link_code: code, expires_at: request.expires_at.toISOString() };
  });
}

/**
 * A developer confirms a partner's link request with its own key: its account is linked to the
 * partner and the partner's application filed in its name. A code that is unknown, used, expired
 * or issued for another email is one and the same 404.
 */
export async function confirmPartnerLink(knex: Knex, developerId: string, code: string) {
  const row = await transaction(knex, async (trx) => {
    const request = await repository.lockOpenLinkRequest(trx, hashSecret(code));
    const developer = await developers.findDeveloper(trx, developerId);
    if (!request || !developer || developer.email.toLowerCase() !== request.email.toLowerCase()) throw notFound('Link request');
    const partner = await repository.lockPartner(trx, request.partner_id);
    if (!partner || partner.status === 'terminated') throw notFound('Link request');
    if (developer.partner_id && developer.partner_id !== partner.id) throw conflict('Your developer account is linked to another partner');
    const linked = await developers.developerOfPartner(trx, partner.id);
    if (linked && linked.id !== developer.id) throw conflict('That partner already has a linked developer account');
    await developers.linkToPartner(trx, developer.id, partner.id);
    await repository.markLinkRequestConfirmed(trx, request.id);
    return technicalPartners.apply(trx, { developerId: developer.id, partnerId: partner.id, appName: request.app_name, appUrl: request.app_url });
  });
  return { technical_partner: technicalPartners.present(row), prices: await technicalPartners.priceList(knex) };
}
