import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Knex } from 'knex';
import { insertApiKey, insertPartnerToken } from '../resources/credentials/credentials.repository.ts';
import { issueSecret } from '../resources/credentials/secrets.ts';

export interface DemoCredentials {
  partner: { id: string; directory_name: string; token: string };
  developer: { id: string; name: string; api_key: string; pricing_tier: string };
}

/** What the local credentials file beside the embedded data folder holds. */
export interface LocalCredentials extends Partial<DemoCredentials> {
  /** The admin token of an embedded database started without ADMIN_TOKEN. */
  admin_token?: string;
}

function readCredentials(file: string): LocalCredentials {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LocalCredentials) : {};
}

/** Adds `fields` to the file, readable by its owner only. */
function keepCredentials(file: string, fields: LocalCredentials): LocalCredentials {
  const credentials = { ...readCredentials(file), ...fields };
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return credentials;
}

/**
 * The admin token of the embedded database when ADMIN_TOKEN is unset: made once and kept in the
 * credentials file (owner-only), so it is never printed and survives a restart.
 */
export function localAdminToken(file: string): string {
  const kept = readCredentials(file).admin_token;
  if (kept) return kept;
  const token = `ew_admin_${randomBytes(24).toString('base64url')}`;
  keepCredentials(file, { admin_token: token });
  return token;
}

/**
 * Credentials to try the demo with: a token for the largest directory and a key for the
 * developer linked to it. Issued once, like any other (only hashes in the database), and kept
 * beside the local data folder with owner-only permissions so the demo can be reopened.
 */
export async function demoCredentials(knex: Knex, file: string): Promise<DemoCredentials> {
  const kept = readCredentials(file);
  if (kept.partner && kept.developer) return { partner: kept.partner, developer: kept.developer };
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
  keepCredentials(file, credentials);
  return credentials;
}
