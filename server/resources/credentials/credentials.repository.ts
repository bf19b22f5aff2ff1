import type { Knex } from 'knex';
import type { IssuedSecret } from './secrets.ts';
import { forgetVerifiedKeys } from './verified-keys.ts';

export interface ApiKeyRow {
  id: string;
  developer_id: string;
  key_prefix: string;
  key_hash: string;
  pricing_tier: 'starter' | 'growth' | 'technical_partner';
  created_at: Date;
  revoked_at: Date | null;
}

export interface PartnerTokenRow {
  id: string;
  partner_id: string;
  token_prefix: string;
  token_hash: string;
  created_at: Date;
  revoked_at: Date | null;
  partner_status: 'active' | 'paused' | 'suspended' | 'terminated';
  allowed_origins: string[];
}

export function findApiKey(knex: Knex, prefix: string): Promise<ApiKeyRow | undefined> {
  return knex('api_keys').where({ key_prefix: prefix }).whereNull('revoked_at').first();
}

export function findPartnerToken(knex: Knex, prefix: string): Promise<PartnerTokenRow | undefined> {
  return knex('partner_tokens as t')
    .join('directory_partners as p', 'p.id', 't.partner_id')
    .where({ 't.token_prefix': prefix })
    .whereNull('t.revoked_at')
    .first('t.*', 'p.status as partner_status', 'p.allowed_origins');
}

export async function insertApiKey(
  knex: Knex | Knex.Transaction,
  developerId: string,
  tier: ApiKeyRow['pricing_tier'],
  issued: IssuedSecret,
): Promise<ApiKeyRow> {
  const [row] = await knex('api_keys')
    .insert({ developer_id: developerId, key_prefix: issued.prefix, key_hash: issued.hash, pricing_tier: tier })
    .returning('*');
  return row;
}

export async function insertPartnerToken(knex: Knex | Knex.Transaction, partnerId: string, issued: IssuedSecret) {
  const [row] = await knex('partner_tokens')
    .insert({ partner_id: partnerId, token_prefix: issued.prefix, token_hash: issued.hash })
    .returning(['id', 'partner_id', 'token_prefix', 'created_at']);
  return row as { id: string; partner_id: string; token_prefix: string; created_at: Date };
}

export async function revokeApiKey(knex: Knex, keyId: string): Promise<boolean> {
  const n = await knex('api_keys').where({ id: keyId }).whereNull('revoked_at').update({ revoked_at: knex.fn.now() });
  forgetVerifiedKeys();
  return n > 0;
}

export async function revokePartnerToken(knex: Knex, tokenId: string): Promise<boolean> {
  const n = await knex('partner_tokens').where({ id: tokenId }).whereNull('revoked_at').update({ revoked_at: knex.fn.now() });
  return n > 0;
}
