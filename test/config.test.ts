import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../server/config.ts';

describe('configuration', () => {
  it('has working defaults: embedded database, port 3000, demo data', () => {
    const config = loadConfig({});
    assert.equal(config.PORT, 3000);
    assert.equal(config.DATABASE_URL, undefined);
    assert.equal(config.DATA_DIR, '.data/pglite');
    assert.equal(config.SEED_DEMO, true);
  });

  it('reads and converts values', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@h:5432/db', SEED_DEMO: 'false', LOG_LEVEL: 'debug' });
    assert.equal(config.PORT, 8080);
    assert.equal(config.DATABASE_URL, 'postgres://u@h:5432/db');
    assert.equal(config.SEED_DEMO, false);
  });

  it('treats an empty variable as unset', () => {
    assert.equal(loadConfig({ DATABASE_URL: '' }).DATABASE_URL, undefined);
  });

  it('lists every bad variable in one clear error', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', ADMIN_TOKEN: 'short' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'ADMIN_TOKEN']) assert.match(error.message, new RegExp(`${name}: `));
        assert.match(error.message, /DATABASE_URL: must start with postgres:\/\//);
        return true;
      },
    );
  });

  it('requires an admin token in production', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /ADMIN_TOKEN: required when NODE_ENV=production/);
  });
});
