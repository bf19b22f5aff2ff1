import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../../server/db/database.ts';
import type { LocalCredentials } from '../../server/seed/demo-credentials.ts';
import { createPostgresDatabase } from '../helpers/databases.ts';
import { deploymentTokens, expectCall, killAll, startServer } from './child-server.ts';

/** The server started as someone would without NODE_ENV: it must print no secret and seed no real database. */
describe('start-up without NODE_ENV', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ew-startup-'));
  after(async () => {
    await killAll();
    rmSync(folder, { recursive: true, force: true });
  });

  it('on the embedded demo, prints only where the credentials are kept, never a secret', { timeout: 120_000 }, async () => {
    const dataDir = join(folder, 'pglite');
    const server = await startServer({ NODE_ENV: undefined, SEED_DEMO: undefined, DATA_DIR: dataDir });
    const file = `${dataDir}-demo-credentials.json`;
    const printed = server.output();
    assert.ok(printed.includes(file), printed);
    const kept = JSON.parse(readFileSync(file, 'utf8')) as LocalCredentials;
    assert.equal(statSync(file).mode & 0o777, 0o600);
    for (const secret of [kept.admin_token, kept.partner?.token, kept.developer?.api_key]) {
      assert.ok(secret && secret.length >= 24, 'the file keeps every secret');
      assert.ok(!printed.includes(secret), 'a secret was printed');
    }
    assert.ok(!/ew_admin_|ewp_|ewk_/.test(printed), printed);
    // the kept admin token is this run's admin token
    await expectCall(200, server.base, 'GET', '/v1/admin/health', undefined, { Authorization: `Bearer ${kept.admin_token}` });
    await server.stop();
  });

  it('refuses to start on DATABASE_URL without ADMIN_TOKEN, naming it', { skip: !process.env.DATABASE_URL }, async () => {
    const created = await createPostgresDatabase(process.env.DATABASE_URL!);
    try {
      await assert.rejects(
        startServer({ NODE_ENV: undefined, SEED_DEMO: undefined, DATABASE_URL: created.url }),
        /ADMIN_TOKEN: required when DATABASE_URL is set/,
      );
    } finally {
      await created.drop();
    }
  });

  it('does not seed a DATABASE_URL database unless SEED_DEMO=true', { skip: !process.env.DATABASE_URL, timeout: 60_000 }, async () => {
    const created = await createPostgresDatabase(process.env.DATABASE_URL!);
    try {
      const server = await startServer({ NODE_ENV: undefined, SEED_DEMO: undefined, DATABASE_URL: created.url, ...deploymentTokens() });
      assert.ok(!/ew_admin_|ewp_|ewk_/.test(server.output()), server.output());
      await server.stop();
      const db = await openDatabase({ databaseUrl: created.url });
      try {
        const row = await db.knex('businesses').count({ n: '*' }).first();
        assert.equal(Number(row?.n), 0);
      } finally {
        await db.close();
      }
    } finally {
      await created.drop();
    }
  });
});
