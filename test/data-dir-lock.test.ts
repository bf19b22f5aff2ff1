import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DataDirLockedError, lockDataDir } from '../server/db/data-dir-lock.ts';

describe('embedded data folder lock', () => {
  it('refuses a second process with a clear message, and frees the folder on release', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'ew-lock-')), 'pglite');
    const release = lockDataDir(dataDir);
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '-e', `import('./server/db/data-dir-lock.ts').then((m) => m.lockDataDir(${JSON.stringify(dataDir)}))`],
      { encoding: 'utf8' },
    );
    assert.notEqual(child.status, 0);
    assert.match(child.stderr, new RegExp(`in use by process ${process.pid}`));
    release();
    assert.equal(existsSync(`${dataDir}.lock`), false);
    lockDataDir(dataDir)();
  });

  it('takes over the lock of a process that died, and then holds it for the new owner', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'ew-lock-')), 'pglite');
    writeFileSync(`${dataDir}.lock`, '2147483646'); // no such process
    const release = lockDataDir(dataDir);
    assert.equal(readFileSync(`${dataDir}.lock`, 'utf8'), String(process.pid), 'the lock names its new owner');
    assert.throws(
      () => {
        const child = spawnSync(
          process.execPath,
          ['--import', 'tsx', '-e', `import('./server/db/data-dir-lock.ts').then((m) => m.lockDataDir(${JSON.stringify(dataDir)}))`],
          { encoding: 'utf8' },
        );
        if (child.status !== 0) throw new DataDirLockedError(child.stderr);
      },
      new RegExp(`in use by process ${process.pid}`),
    );
    release();
    assert.equal(existsSync(`${dataDir}.lock`), false);
  });
});
