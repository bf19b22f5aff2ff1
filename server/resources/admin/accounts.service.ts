import type { Knex } from 'knex';
import type { z } from 'zod';
import { transaction } from '../../db/transaction.ts';
import { conflict, notFound } from '../../errors.ts';
import type { Answer } from '../../http/api.ts';
import { encodeCursor } from '../../http/schemas.ts';
import { bumpCounters } from '../../summaries/summaries.ts';
import { insertPartnerToken, revokeApiKey, revokePartnerToken } from '../credentials/credentials.repository.ts';
import { issueSecret } from '../credentials/secrets.ts';
import * as developers from '../developer/developer.repository.ts';
import * as partners from '../partner/partner.repository.ts';
import * as technicalPartners from '../technical-partners/technical-partners.repository.ts';
import { issueApiKey, present } from '../technical-partners/technical-partners.service.ts';
import type * as schemas from './admin.schemas.ts';

/** Account administration: directory partners and their tokens, developers and their keys, Technical Partner applications. */

export async function listTechnicalPartners(
  knex: Knex,
  query: z.output<typeof schemas.TechnicalPartnerListQuery>,
): Promise<Answer<typeof schemas.TechnicalPartnerList>> {
  const rows = await technicalPartners.list(knex, {
    status: query.status,
    limit: query.limit + 1,
    after: query.cursor,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    technical_partners: page.map((row) => ({
      ...present(row),
      developer: { name: row.developer_name, email: row.developer_email, company: row.developer_company },
      directory_name: row.directory_name,
      evidence: {
        apps: Number(row.apps),
        businesses_attributed: Number(row.businesses_attributed),
        api_calls_30d: Number(row.api_calls),
        partner_referrals: row.referrals === null ? null : { total: Number(row.referrals), converted: Number(row.referrals_converted) },
      },
    })),
    next_cursor: rows.length > query.limit && last ? encodeCursor([Number(last.rank), last.created_at.toISOString(), last.id]) : null,
  };
}

export async function createPartner(knex: Knex, body: z.output<typeof schemas.CreatePartnerBody>): Promise<Answer<typeof schemas.Partner>> {
  return transaction(knex, async (trx) => {
    const existing = await partners.partnerIdByName(trx, body.directory_name);
    if (existing) throw conflict(`A directory named "${body.directory_name}" already exists`, { id: existing });
    const row = await partners.insertPartner(trx, body);
    await bumpCounters(trx, [{ metric: 'directories', at: row.created_at, delta: 1 }]);
    return {
      id: row.id,
      directory_name: row.directory_name,
      site_url: row.site_url,
      commission_percent: row.commission_percent,
      status: row.status,
      allowed_origins: row.allowed_origins,
      total_commission_earned: row.total_commission_earned,
      created_at: row.created_at.toISOString(),
    };
  });
}

export async function issuePartnerToken(knex: Knex, partnerId: string): Promise<Answer<typeof schemas.IssuedPartnerToken>> {
  if (!(await partners.findPartner(knex, partnerId))) throw notFound('Partner');
  const issued = issueSecret('ewp');
  const row = await insertPartnerToken(knex, partnerId, issued);
  return { id: row.id, partner_id: partnerId, token: issued.secret, prefix: row.token_prefix, created_at: row.created_at.toISOString() };
}

export async function createDeveloper(knex: Knex, body: z.output<typeof schemas.CreateDeveloperBody>): Promise<Answer<typeof schemas.Developer>> {
  return transaction(knex, async (trx) => {
    if (body.partner_id) {
      if (!(await partners.findPartner(trx, body.partner_id))) throw notFound(`Partner ${body.partner_id}`);
      const linked = await developers.developerOfPartner(trx, body.partner_id);
      if (linked) throw conflict('That partner already has a linked developer account', { developer_id: linked.id });
    }
    const taken = await developers.developerByEmail(trx, body.email);
    if (taken) throw conflict('A developer account with that email already exists', { id: taken.id });
    const row = await developers.insertDeveloper(trx, body);
    await bumpCounters(trx, [{ metric: 'developers', at: row.created_at, delta: 1 }]);
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      company: row.company,
      pricing_tier: row.pricing_tier,
      partner_id: row.partner_id,
      created_at: row.created_at.toISOString(),
    };
  });
}

export async function issueDeveloperKey(knex: Knex, developerId: string) {
  const developer = await developers.findDeveloper(knex, developerId);
  if (!developer) throw notFound('Developer');
  // An ordinary key bills at the account's plan; preferential keys come only with an approval.
  return issueApiKey(knex, developerId, developer.pricing_tier === 'technical_partner' ? 'growth' : developer.pricing_tier);
}

export async function revokeKey(knex: Knex, keyId: string) {
  if (!(await revokeApiKey(knex, keyId))) throw notFound('Active API key');
  return { revoked: true as const };
}

export async function revokeToken(knex: Knex, tokenId: string) {
  if (!(await revokePartnerToken(knex, tokenId))) throw notFound('Active partner token');
  return { revoked: true as const };
}
