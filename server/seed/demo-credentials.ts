import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Knex } from 'knex';
import { insertApiKey, insertPartnerToken } from '../resources/credentials/credentials.repository.ts';
import { issueSecret } from '../resources/credentials/secrets.ts';

export interface DemoCredentials {
  partner: { id: string; directory_name: string; token: string };
  developer: { id: string; name: string; api_key: string; pricing_tier: string };
}

/**
 * Credentials to try the demo with: a token for the largest directory and a key for the
 * developer linked to it. Issued once, like any other (only hashes in the database), and kept
 * beside the local data folder with owner-only permissions so the demo can be reopened.
 */
export async function demoCredentials(knex: Knex, file: string): Promise<DemoCredentials> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials;
  const partner = await knex('directory_partners as p')
    .join('developer_accounts as d', 'd.partner_id', 'p.id')
    .where('p.status', 'active')
    .orderBy('p.total_commission_earned', 'desc')
    .first('p.id', 'p.directory_name', 'd.id as developer_id', 'd.name as developer_name', 'd.pricing_tier');
  if (!partner) throw new Error('No demo data: seed the database first');
  const token = issueSecret('ewp');
  const key = issueSecret('ewk');
  const tier = await knex('technical_partners').where({ developer_id: partner.developer_id, status: 'active' }).first('id');
  await knex.transaction(async (trx) => {
    await insertPartnerToken(trx, partner.id, token);
    await insertApiKey(trx, partner.developer_id, tier ? 'technical_partner' : partner.pricing_tier, key);
  });
  const credentials: DemoCredentials = {
    partner: { id: partner.id, directory_name: partner.directory_name, token: token.secret },
    developer: { id: partner.developer_id, name: partner.developer_name, api_key: key.secret, pricing_tier: tier ? 'technical_partner' : partner.pricing_tier },
  };
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return credentials;
}
