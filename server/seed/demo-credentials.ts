import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Knex } from 'knex';
import { insertApiKey, insertPartnerToken } from '../resources/credentials/credentials.repository.ts';
import { issueSecret } from '../resources/credentials/secrets.ts';

export interface DemoPartner {
  id: string;
  directory_name: string;
  token: string;
}
export interface DemoDeveloper {
  id: string;
  name: string;
  api_key: string;
  pricing_tier: string;
}

/**
 * Who to try the demo as: the largest directory and the developer account linked to it (a
 * Technical Partner with history), and a newcomer of each kind — a directory with no developer
 * account and a developer with no directory, neither upgraded — to walk the upgrade from the start.
 */
export interface DemoCredentials {
  partner: DemoPartner;
  developer: DemoDeveloper;
  newcomer_partner: DemoPartner;
  newcomer_developer: DemoDeveloper;
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
 * Credentials to try the demo with (see DemoCredentials). Issued once, like any other (only
 * hashes in the database), and kept beside the local data folder with owner-only permissions so
 * the demo can be reopened; a file from before the newcomers existed gains them.
 */
export async function demoCredentials(knex: Knex, file: string): Promise<DemoCredentials> {
  const kept = readCredentials(file);
  const fields: Partial<DemoCredentials> = {};
  if (!kept.partner || !kept.developer) {
    const partner = await knex('directory_partners as p')
      .join('developer_accounts as d', 'd.partner_id', 'p.id')
      .where('p.status', 'active')
      .orderBy('p.total_commission_earned', 'desc')
      .first('p.id', 'd.id as developer_id');
    if (!partner) throw new Error('No demo data: seed the database first');
    fields.partner = await issuePartnerToken(knex, partner.id);
    fields.developer = await issueApiKey(knex, partner.developer_id);
  }
  if (!kept.newcomer_partner || !kept.newcomer_developer) {
    const partner = await knex('directory_partners as p')
      .where('p.status', 'active')
      .whereNotExists(knex('developer_accounts as d').whereRaw('d.partner_id = p.id'))
      .orderBy([{ column: 'p.total_commission_earned', order: 'desc' }, 'p.id'])
      .first('p.id');
    const developer = await knex('developer_accounts as d')
      .whereNull('d.partner_id')
      .whereNotExists(knex('technical_partners as t').whereRaw('t.developer_id = d.id'))
      .orderBy(['d.created_at', 'd.id'])
      .first('d.id');
    if (!partner || !developer) throw new Error('No demo data: seed the database first');
    fields.newcomer_partner = await issuePartnerToken(knex, partner.id);
    fields.newcomer_developer = await issueApiKey(knex, developer.id);
  }
  return keepCredentials(file, fields) as DemoCredentials;
}

async function issuePartnerToken(knex: Knex, partnerId: string): Promise<DemoPartner> {
  const partner = await knex('directory_partners').where({ id: partnerId }).first('directory_name');
  const token = issueSecret('ewp');
  await insertPartnerToken(knex, partnerId, token);
  return { id: partnerId, directory_name: partner.directory_name, token: token.secret };
}

/** A key at the developer's tier (`technical_partner` while its upgrade is active). */
async function issueApiKey(knex: Knex, developerId: string): Promise<DemoDeveloper> {
  const developer = await knex('developer_accounts').where({ id: developerId }).first('name', 'pricing_tier');
  const upgraded = await knex('technical_partners').where({ developer_id: developerId, status: 'active' }).first('id');
  const tier = upgraded ? 'technical_partner' : developer.pricing_tier;
  const key = issueSecret('ewk');
  await insertApiKey(knex, developerId, tier, key);
  return { id: developerId, name: developer.name, api_key: key.secret, pricing_tier: tier };
}
