import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { appsOnPartnerData } from '../../server/resources/partner/partner.repository.ts';
import { describeEachDatabase } from '../helpers/databases.ts';

/**
 * The developer-impact list reads only candidate apps (those at the top of the directory's
 * records, and attributed-only apps when few read its records). Whatever the ties and the mix, it
 * must equal the full list sorted by records (most first), then name, cut at 100.
 */
describeEachDatabase('a directory’s apps in its developer-impact view', (db) => {
  async function directoryWithApps(apps: { records: number; attributed: number }[]) {
    const knex = db().knex;
    const [partner] = await knex('directory_partners')
      .insert({ directory_name: `Directory ${randomUUID()}` })
      .returning('id');
    const [developer] = await knex('developer_accounts')
      .insert({ name: 'Many apps', email: `${randomUUID()}@dev.example`, company: 'Many Apps Co' })
      .returning('id');
    const rows = apps.map((_, i) => ({ id: randomUUID(), developer_id: developer.id, name: `App ${String(i).padStart(3, '0')} ${randomUUID().slice(0, 4)}` }));
    await knex.batchInsert('developer_apps', rows, 200);
    const totals = apps.flatMap((a, i) => (a.records > 0 ? [{ app_id: rows[i]!.id, partner_id: partner.id, records_served: a.records }] : []));
    if (totals.length) await knex.batchInsert('app_directory_totals', totals, 200);
    // attributions split over shards, as concurrent writers leave them
    const counters = apps.flatMap((a, i) =>
      a.attributed > 0
        ? [
            { partner_id: partner.id, metric: 'attributed_businesses', item: rows[i]!.id, shard: 0, value: a.attributed - 1 },
            { partner_id: partner.id, metric: 'attributed_businesses', item: rows[i]!.id, shard: 3, value: 1 },
          ]
        : [],
    );
    if (counters.length) await knex.batchInsert('partner_counters', counters, 200);
    const expected = apps
      .map((a, i) => ({ id: rows[i]!.id, name: rows[i]!.name, records: a.records, attributed: a.attributed }))
      .filter((a) => a.records > 0 || a.attributed > 0)
      .sort((a, b) => b.records - a.records || (a.name < b.name ? -1 : 1))
      .slice(0, 100)
      .map((a) => [a.id, a.records, a.attributed]);
    const listed = (await appsOnPartnerData(knex, partner.id)).map((a) => [a.id, Number(a.records_served), a.businesses_attributed]);
    return { expected, listed };
  }

  it('lists the top hundred by records when more apps read its records, ties at the cut ordered by name', async () => {
    // 140 apps read records; 30 share the value at the hundredth place; 20 only brought businesses in
    const apps = [
      ...Array.from({ length: 90 }, (_, i) => ({ records: 1_000 + i, attributed: i % 7 === 0 ? 2 : 0 })),
      ...Array.from({ length: 30 }, () => ({ records: 500, attributed: 0 })),
      ...Array.from({ length: 20 }, (_, i) => ({ records: 10 + i, attributed: 1 })),
      ...Array.from({ length: 20 }, () => ({ records: 0, attributed: 3 })),
    ];
    const { expected, listed } = await directoryWithApps(apps);
    assert.equal(listed.length, 100);
    assert.deepEqual(listed, expected);
  });

  it('adds the apps that only brought businesses in when fewer than a hundred read its records', async () => {
    const apps = [
      ...Array.from({ length: 40 }, (_, i) => ({ records: 1 + (i % 5), attributed: i % 3 === 0 ? 1 : 0 })),
      ...Array.from({ length: 80 }, (_, i) => ({ records: 0, attributed: 1 + (i % 4) })),
      { records: 0, attributed: 0 },
    ];
    const { expected, listed } = await directoryWithApps(apps);
    assert.equal(listed.length, 100);
    assert.deepEqual(listed, expected);
  });

  it('lists nothing for a directory no app has used', async () => {
    const { expected, listed } = await directoryWithApps([{ records: 0, attributed: 0 }]);
    assert.deepEqual(listed, []);
    assert.deepEqual(expected, []);
  });
});
