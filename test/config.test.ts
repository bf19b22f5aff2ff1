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
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@h:5432/db', ADMIN_TOKEN: 'a'.repeat(24), SEED_DEMO: 'false', LOG_LEVEL: 'debug' });
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

  it('reads TRUST_PROXY as false, a hop count, or a list of addresses and CIDRs', () => {
    assert.equal(loadConfig({}).TRUST_PROXY, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY, false);
    assert.equal(loadConfig({ TRUST_PROXY: '0' }).TRUST_PROXY, false);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY, 2);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,::1,fd00::/8,loopback' }).TRUST_PROXY, [
      '10.0.0.0/8',
      '192.168.1.7',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses TRUST_PROXY=true and malformed proxy addresses, naming them', () => {
    assert.throws(() => loadConfig({ TRUST_PROXY: 'true' }), /TRUST_PROXY: true would believe any client's X-Forwarded-For/);
    for (const bad of ['10.0.0.0/33', '300.1.1.1', 'proxy.internal', '10.0.0.1,', '::1/129', '1.2.3.4/8/8']) {
      assert.throws(
        () => loadConfig({ TRUST_PROXY: bad }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, /TRUST_PROXY: must be false, a hop count, or comma-separated addresses\/CIDRs/, bad);
          return true;
        },
      );
    }
  });

  it('reads REDIS_URL and a key prefix, and refuses what is not a Redis URL', () => {
    assert.equal(loadConfig({}).REDIS_URL, undefined);
    assert.equal(loadConfig({}).REDIS_KEY_PREFIX, 'ew:');
    const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: 'ew-staging:' });
    assert.equal(config.REDIS_URL, 'redis://127.0.0.1:6379');
    assert.equal(config.REDIS_KEY_PREFIX, 'ew-staging:');
    assert.equal(loadConfig({ REDIS_URL: 'rediss://user:pw@cache.internal:6380/2' }).REDIS_URL, 'rediss://user:pw@cache.internal:6380/2');
    assert.throws(
      () => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379', REDIS_KEY_PREFIX: 'has space', TRUST_PROXY: 'yes' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /REDIS_URL: must start with redis:\/\/ or rediss:\/\//);
        assert.match(error.message, /REDIS_KEY_PREFIX: /);
        assert.match(error.message, /TRUST_PROXY: /);
        return true;
      },
    );
  });

  it('requires an admin token in production', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /ADMIN_TOKEN: required when NODE_ENV=production/);
  });

  it('never seeds a DATABASE_URL database by default, whatever NODE_ENV says', () => {
    const token = 'a'.repeat(24);
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', ADMIN_TOKEN: token }).SEED_DEMO, false);
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', ADMIN_TOKEN: token, NODE_ENV: 'development' }).SEED_DEMO, false);
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', ADMIN_TOKEN: token, SEED_DEMO: 'true' }).SEED_DEMO, true);
    assert.equal(loadConfig({}).SEED_DEMO, true);
  });

  it('requires an admin token whenever DATABASE_URL is set', () => {
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }),
      (error: unknown) => error instanceof ConfigError && /ADMIN_TOKEN: required when DATABASE_URL is set/.test(error.message),
    );
    assert.throws(() => loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', NODE_ENV: 'development' }), /ADMIN_TOKEN: required/);
    assert.equal(loadConfig({}).ADMIN_TOKEN, undefined);
  });
});
