import type { Knex } from 'knex';

/**
 * Moves accounts, a business and its conversion back to `since`, so that payments, refunds and
 * rate changes may be dated from then on (the API refuses dates before an account or a conversion
 * existed).
 */
export async function backdate(knex: Knex, since: string, ids: { partnerId?: string; technicalPartnerId?: string; businessId?: string }): Promise<void> {
  if (ids.partnerId) await knex('directory_partners').where({ id: ids.partnerId }).update({ created_at: since });
  if (ids.technicalPartnerId) await knex('technical_partners').where({ id: ids.technicalPartnerId }).update({ created_at: since });
  if (ids.businessId) {
    await knex('businesses').where({ id: ids.businessId }).update({ created_at: since });
    await knex('partner_referrals').where({ referred_business_id: ids.businessId }).whereNotNull('converted_at').update({ converted_at: since });
  }
}
