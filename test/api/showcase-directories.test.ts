import assert from 'node:assert/strict';
import { it } from 'node:test';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { assertSummariesMatchRebuild } from '../helpers/invariants.ts';
import { Scenario } from '../helpers/scenario.ts';

describeEachDatabase('showcase directories', (db) => {
  it('lists an app’s five largest contributing directories and counts them all; the badge lists them all', async () => {
    const { app, config } = testApp(db());
    const s = new Scenario(app, config);
    const developer = await s.developer();
    const reader = await s.appOf(developer.key);
    // directory i contributes i + 1 records: 1 + 2 + … + 7 = 28 in all
    const directories = [];
    for (let i = 0; i < 7; i++) {
      const directory = await s.partner({ directory_name: `Directory ${i + 1}` });
      for (let j = 0; j <= i; j++) await s.referredBusiness(directory.id);
      await s.get(`/v1/data/businesses?app_id=${reader.id}&directory=${directory.id}&limit=100`, s.bearer(developer.key));
      directories.push(directory);
    }
    const [shown] = (await s.get('/v1/public/showcase/apps')).apps;
    assert.equal(shown.records_served, 28);
    assert.equal(shown.contributing_directories_total, 7);
    assert.deepEqual(
      shown.contributing_directories.map((d: { directory_name: string; records_served: number; share_percent: string }) => [
        d.directory_name,
        d.records_served,
        d.share_percent,
      ]),
      [
        ['Directory 7', 7, '25.00'],
        ['Directory 6', 6, '21.43'],
        ['Directory 5', 5, '17.86'],
        ['Directory 4', 4, '14.29'],
        ['Directory 3', 3, '10.71'],
      ],
    );
    const badge = await s.get(`/v1/public/apps/${reader.id}/badge`);
    assert.equal(badge.directories.length, 7);
    assert.equal(badge.records_served, 28);
    assert.deepEqual(badge.directories.at(-1), { id: directories[0]!.id, directory_name: 'Directory 1', records_served: 1, share_percent: '3.57' });

    // a new directory read by ten concurrent calls is counted once; the kept totals equal a rebuild
    const late = await s.partner({ directory_name: 'Directory 8' });
    await s.referredBusiness(late.id);
    await Promise.all(Array.from({ length: 10 }, () => s.get(`/v1/data/businesses?app_id=${reader.id}&directory=${late.id}`, s.bearer(developer.key))));
    const [again] = (await s.get('/v1/public/showcase/apps')).apps;
    assert.equal(again.contributing_directories_total, 8);
    assert.equal(again.records_served, 38);
    await assertSummariesMatchRebuild(db().knex);
  });
});
