import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/databases.ts';
import { assertLedgerMatchesTotals, assertSummariesMatchRebuild } from './helpers/invariants.ts';
import { Scenario } from './helpers/scenario.ts';
import { listen } from './helpers/server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `npm run demo:events` plays the platform through the events API, so the demo's live feed moves. */
describeEachDatabase('demo events', (db) => {
  const folder = mkdtempSync(join(tmpdir(), 'ew-demo-events-'));
  let server: Awaited<ReturnType<typeof listen>>;
  let s: Scenario;
  before(async () => {
    const { app, config } = testApp(db());
    s = new Scenario(app, config);
    server = await listen(app);
  });
  after(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('registers, refers, converts, verifies and bills new businesses of a demo directory', { timeout: 60_000 }, async () => {
    const partner = await s.partner({ directory_name: 'Demo Events Directory' });
    // the embedded demo's credentials file names the directory to refer from
    writeFileSync(
      join(folder, 'pglite-demo-credentials.json'),
      JSON.stringify({ partner: { id: partner.id, directory_name: 'Demo Events Directory', token: 'unused' } }),
    );
    const before = (await request(s.app).get('/v1/public/feed').expect(200)).body.total_businesses as number;

    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo-events.ts', '--count', '3', '--interval', '0'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, API_URL: server.base, ADMIN_TOKEN: s.config.ADMIN_TOKEN, DATA_DIR: join(folder, 'pglite') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let printed = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 0, printed);

    const lines = printed.trim().split('\n').slice(1);
    assert.equal(lines.length, 3, printed);
    for (const line of lines) assert.match(line, /referred by Demo Events Directory, converted, verified.*, paid \$\d+\.\d{2}$/);
    const feed = (await request(s.app).get('/v1/public/feed').expect(200)).body;
    assert.equal(feed.total_businesses, before + 3, 'three businesses entered the data pool');
    const referrals = await db().knex('partner_referrals').where({ partner_id: partner.id, is_converted: true }).count({ n: '*' }).first();
    assert.equal(Number(referrals?.n), 3);
    await assertLedgerMatchesTotals(db().knex);
    await assertSummariesMatchRebuild(db().knex);
  });
});
