import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/** Minimal valid rows for tests; every call makes new, unshared rows. */
type Row = Record<string, unknown>;

const unique = () => randomUUID().slice(0, 8);

/** The only business fields any public or data-pool answer may carry (the view's columns), sorted. */
export const PUBLIC_BUSINESS_FIELDS = ['average_rating', 'business_name', 'category', 'city', 'id', 'partner_id', 'referring_directory', 'state'];

export async function makeBusiness(knex: Knex, fields: Row = {}): Promise<Row & { id: string }> {
  const verified = fields.is_verified ?? true;
  const [row] = await knex('businesses')
    .insert({
      business_name: `Test Business ${unique()}`,
      category: 'Restaurants',
      city: 'Austin',
      state: 'TX',
      average_rating: '4.5',
      contact_email: 'owner@private.example',
      contact_phone: '+1-555-000-0000',
      owner_name: 'Private Owner',
      is_verified: verified,
      verified_at: verified ? new Date() : null,
      ...fields,
    })
    .returning('*');
  return row;
}

export async function makePartner(knex: Knex, fields: Row = {}): Promise<Row & { id: string }> {
  const [row] = await knex('directory_partners')
    .insert({ directory_name: `Directory ${unique()}`, commission_percent: '10.00', ...fields })
    .returning('*');
  return row;
}

export async function makeReferral(knex: Knex, partnerId: string, businessId: string, converted = true): Promise<Row & { id: string }> {
  const [row] = await knex('partner_referrals')
    .insert({ partner_id: partnerId, referred_business_id: businessId, is_converted: converted, converted_at: converted ? new Date() : null })
    .returning('*');
  return row;
}

export async function makeDeveloper(knex: Knex, fields: Row = {}): Promise<Row & { id: string }> {
  const [row] = await knex('developer_accounts')
    .insert({ name: `Dev ${unique()}`, email: `dev-${unique()}@example.test`, ...fields })
    .returning('*');
  return row;
}

export async function makeApp(knex: Knex, developerId: string, fields: Row = {}): Promise<Row & { id: string }> {
  const [row] = await knex('developer_apps')
    .insert({ developer_id: developerId, name: `App ${unique()}`, api_products: ['cmal'], is_showcased: true, ...fields })
    .returning('*');
  return row;
}

export async function makeTechnicalPartner(knex: Knex, developerId: string, fields: Row = {}): Promise<Row & { id: string }> {
  const [row] = await knex('technical_partners')
    .insert({ developer_id: developerId, ...fields })
    .returning('*');
  return row;
}
