import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase } from './helpers/databases.ts';
import { makeApp, makeBusiness, makeDeveloper, makePartner, makeReferral, makeTechnicalPartner } from './helpers/factories.ts';

interface Column {
  column_name: string;
  data_type: string;
  numeric_precision: number | null;
  numeric_scale: number | null;
  column_default: string | null;
  is_nullable: 'YES' | 'NO';
}

async function columns(knex: import('knex').Knex, table: string): Promise<Column[]> {
  const { rows } = await knex.raw(
    `SELECT column_name, data_type, numeric_precision::int, numeric_scale::int, column_default, is_nullable
     FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position`,
    [table],
  );
  return rows;
}

const col = (
  column_name: string,
  data_type: string,
  column_default: string | null,
  is_nullable: 'YES' | 'NO',
  precision: [number, number] | null = null,
): Column => ({
  column_name,
  data_type,
  column_default,
  is_nullable,
  numeric_precision: precision?.[0] ?? null,
  numeric_scale: precision?.[1] ?? null,
});
const int = (name: string, def: string | null) => ({ ...col(name, 'integer', def, 'YES'), numeric_precision: 32, numeric_scale: 0 });

describeEachDatabase('seed schema', (db) => {
  it('creates technical_partners exactly as the plan specifies', async () => {
    const actual = await columns(db().knex, 'technical_partners');
    assert.deepEqual(actual.slice(0, 13), [
      col('id', 'uuid', 'gen_random_uuid()', 'NO'),
      col('developer_id', 'uuid', null, 'NO'),
      col('partner_id', 'uuid', null, 'YES'),
      col('status', 'text', "'pending'::text", 'NO'),
      col('revenue_share_percent', 'numeric', '5.00', 'YES', [5, 2]),
      int('total_app_referrals', '0'),
      col('total_app_earnings', 'numeric', '0', 'YES', [12, 2]),
      col('app_name', 'text', null, 'YES'),
      col('app_url', 'text', null, 'YES'),
      col('approved_at', 'timestamp with time zone', null, 'YES'),
      col('created_at', 'timestamp with time zone', 'now()', 'YES'),
      col('updated_at', 'timestamp with time zone', 'now()', 'YES'),
      col('suspended_at', 'timestamp with time zone', null, 'YES'), // extra column, after the seed's
    ]);
  });

  it('creates app_business_attributions exactly as the plan specifies', async () => {
    const actual = await columns(db().knex, 'app_business_attributions');
    assert.deepEqual(actual.slice(0, 9), [
      col('id', 'uuid', 'gen_random_uuid()', 'NO'),
      col('developer_id', 'uuid', null, 'NO'),
      col('business_id', 'uuid', null, 'NO'),
      col('app_name', 'text', null, 'NO'),
      col('attribution_source', 'text', null, 'YES'),
      int('api_calls_generated', '0'),
      col('earnings_attributed', 'numeric', '0', 'YES', [12, 2]),
      col('first_api_call_at', 'timestamp with time zone', null, 'YES'),
      col('created_at', 'timestamp with time zone', 'now()', 'YES'),
    ]);
  });

  it('points the seed foreign keys at the right tables', async () => {
    const { rows } = await db().knex.raw(`
      SELECT conrelid::regclass::text AS tbl, a.attname AS col, confrelid::regclass::text AS target
      FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND conrelid::regclass::text IN ('technical_partners', 'app_business_attributions')
      ORDER BY 1, 2`);
    assert.deepEqual(rows, [
      { tbl: 'app_business_attributions', col: 'app_id', target: 'developer_apps' },
      { tbl: 'app_business_attributions', col: 'business_id', target: 'businesses' },
      { tbl: 'app_business_attributions', col: 'developer_id', target: 'developer_accounts' },
      { tbl: 'technical_partners', col: 'developer_id', target: 'developer_accounts' },
      { tbl: 'technical_partners', col: 'partner_id', target: 'directory_partners' },
    ]);
  });

  it('fills the defaults: pending, 5.00 revenue share, zero totals', async () => {
    const developer = await makeDeveloper(db().knex);
    const row = await makeTechnicalPartner(db().knex, developer.id);
    assert.equal(row.status, 'pending');
    assert.equal(row.revenue_share_percent, '5.00');
    assert.equal(row.total_app_referrals, 0);
    assert.equal(row.total_app_earnings, '0.00');
    assert.ok(row.created_at instanceof Date && row.updated_at instanceof Date);
    assert.equal(row.approved_at, null);
  });

  it('refuses an unknown technical-partner status', async () => {
    const developer = await makeDeveloper(db().knex);
    await assert.rejects(makeTechnicalPartner(db().knex, developer.id, { status: 'approved' }), { code: '23514' });
  });

  it('refuses unknown developers and businesses', async () => {
    const knex = db().knex;
    const missing = '00000000-0000-4000-8000-000000000000';
    await assert.rejects(makeTechnicalPartner(knex, missing), { code: '23503' });
    const developer = await makeDeveloper(knex);
    await assert.rejects(knex('app_business_attributions').insert({ developer_id: developer.id, business_id: missing, app_name: 'x' }), { code: '23503' });
    const business = await makeBusiness(knex);
    await assert.rejects(knex('app_business_attributions').insert({ developer_id: missing, business_id: business.id, app_name: 'x' }), { code: '23503' });
  });

  it('allows one application per developer', async () => {
    const developer = await makeDeveloper(db().knex);
    await makeTechnicalPartner(db().knex, developer.id);
    await assert.rejects(makeTechnicalPartner(db().knex, developer.id), { code: '23505' });
  });
});

describeEachDatabase('partner_referred_businesses_api view', (db) => {
  it('has exactly the eight anonymized columns', async () => {
    const actual = await columns(db().knex, 'partner_referred_businesses_api');
    assert.deepEqual(
      actual.map((c) => c.column_name),
      ['id', 'business_name', 'category', 'city', 'state', 'average_rating', 'partner_id', 'referring_directory'],
    );
    const { rows } = await db().knex.raw('SELECT * FROM partner_referred_businesses_api LIMIT 0');
    assert.deepEqual(rows, []);
  });

  it('returns only converted referrals of verified businesses, without private fields', async () => {
    const knex = db().knex;
    const partner = await makePartner(knex, { directory_name: 'View Test Directory' });
    const shown = await makeBusiness(knex, { business_name: 'Shown Bakery' });
    const unverified = await makeBusiness(knex, { is_verified: false });
    const unconverted = await makeBusiness(knex);
    await makeReferral(knex, partner.id, shown.id, true);
    await makeReferral(knex, partner.id, unverified.id, true);
    await makeReferral(knex, partner.id, unconverted.id, false);

    const rows = await knex('partner_referred_businesses_api').where({ partner_id: partner.id });
    assert.deepEqual(rows, [
      {
        id: shown.id,
        business_name: 'Shown Bakery',
        category: 'Restaurants',
        city: 'Austin',
        state: 'TX',
        average_rating: '4.5',
        partner_id: partner.id,
        referring_directory: 'View Test Directory',
      },
    ]);
    const text = JSON.stringify(rows);
    for (const secret of ['owner@private.example', '+1-555-000-0000', 'Private Owner']) assert.ok(!text.includes(secret));
  });
});

describeEachDatabase('money-rule constraints and indexes', (db) => {
  it('allows one referral per (partner, business) and one conversion per business', async () => {
    const knex = db().knex;
    const [a, b] = [await makePartner(knex), await makePartner(knex)];
    const business = await makeBusiness(knex);
    await makeReferral(knex, a.id, business.id, true);
    await assert.rejects(makeReferral(knex, a.id, business.id, false), { code: '23505' });
    await assert.rejects(makeReferral(knex, b.id, business.id, true), { code: '23505' });
    await makeReferral(knex, b.id, business.id, false); // a second partner may refer it, but not convert it
  });

  it('allows at most one attribution per business', async () => {
    const knex = db().knex;
    const developer = await makeDeveloper(knex);
    const app = await makeApp(knex, developer.id);
    const business = await makeBusiness(knex);
    const row = { developer_id: developer.id, business_id: business.id, app_name: app.name, app_id: app.id };
    await knex('app_business_attributions').insert(row);
    await assert.rejects(knex('app_business_attributions').insert(row), { code: '23505' });
  });

  it('allows one ledger row per (payment, channel)', async () => {
    const knex = db().knex;
    const partner = await makePartner(knex);
    const business = await makeBusiness(knex);
    const [payment] = await knex('business_payments').insert({ business_id: business.id, amount: '10.00' }).returning('id');
    const entry = {
      payment_id: payment.id,
      channel: 'partner',
      business_id: business.id,
      partner_id: partner.id,
      payment_amount: '10.00',
      rate_percent: '10.00',
      amount: '1.00',
      earned_at: new Date(),
      approves_at: new Date(),
    };
    await knex('earnings_ledger').insert(entry);
    await assert.rejects(knex('earnings_ledger').insert(entry), { code: '23505' });
  });

  it('indexes every foreign key', async () => {
    const { rows } = await db().knex.raw(`
      SELECT c.conrelid::regclass::text AS tbl, c.conname
      FROM pg_constraint c
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
        AND NOT EXISTS (
          SELECT 1 FROM pg_index i
          WHERE i.indrelid = c.conrelid
            AND (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] = c.conkey)`);
    assert.deepEqual(rows, []);
  });
});
