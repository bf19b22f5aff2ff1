import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DataDirLockedError, lockDataDir } from '../server/db/data-dir-lock.ts';
import { openDatabase } from '../server/db/database.ts';

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

  it('lets exactly one of many processes take over one stale lock, round after round', { timeout: 120_000 }, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ew-lock-race-'));
    // each contender takes the lock of the folder named on each line it reads, and keeps it while it lives
    const contender = `import('./server/db/data-dir-lock.ts').then((m) => {
      let buffered = '';
      process.stdin.setEncoding('utf8').on('data', (chunk) => {
        buffered += chunk;
        for (let end = buffered.indexOf('\\n'); end >= 0; end = buffered.indexOf('\\n')) {
          const dir = buffered.slice(0, end);
          buffered = buffered.slice(end + 1);
          let outcome;
          try { m.lockDataDir(dir); outcome = 'won'; } catch (e) { outcome = e.name === 'DataDirLockedError' ? 'locked' : 'error ' + e.message; }
          process.stdout.write(outcome + '\\n');
        }
      });
      process.stdout.write('ready\\n');
    })`;
    const contenders: { child: ChildProcess; lines: string[]; waiters: (() => void)[] }[] = [];
    for (let i = 0; i < 6; i++) {
      const child = spawn(process.execPath, ['--import', 'tsx', '-e', contender], { stdio: ['pipe', 'pipe', 'inherit'] });
      const entry = { child, lines: [] as string[], waiters: [] as (() => void)[] };
      let text = '';
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
        const parts = text.split('\n');
        text = parts.pop()!;
        entry.lines.push(...parts);
        for (const wake of entry.waiters.splice(0)) wake();
      });
      contenders.push(entry);
    }
    const nextLine = async (entry: (typeof contenders)[number]) => {
      while (entry.lines.length === 0) await new Promise<void>((resolve) => entry.waiters.push(resolve));
      return entry.lines.shift()!;
    };
    try {
      for (const entry of contenders) assert.equal(await nextLine(entry), 'ready');
      const doubleWins: number[] = [];
      for (let round = 0; round < 30; round++) {
        const dataDir = join(folder, `pglite-${round}`);
        writeFileSync(`${dataDir}.lock`, '2147483646'); // a process that died
        for (const { child } of contenders) child.stdin!.write(`${dataDir}\n`);
        const outcomes = await Promise.all(contenders.map(nextLine));
        assert.ok(
          outcomes.every((o) => o === 'won' || o === 'locked'),
          outcomes.join(', '),
        );
        const winners = outcomes.filter((o) => o === 'won').length;
        if (winners !== 1) doubleWins.push(winners);
      }
      assert.deepEqual(doubleWins, [], 'rounds without exactly one winner (their winner counts)');
    } finally {
      for (const { child } of contenders) {
        child.stdin!.end();
        child.kill();
        if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
      }
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps the data folder and its files owner-only, and the lock file 0600, whatever the umask', { timeout: 60_000 }, async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'ew-perm-')), 'pglite');
    const umask = process.umask(0); // files created now are world-writable unless the server fixes them
    try {
      const loose = (path: string): string[] => {
        const stat = statSync(path);
        const own = stat.mode & 0o077 ? [`${path} ${(stat.mode & 0o777).toString(8)}`] : [];
        if (!stat.isDirectory()) return own;
        return [...own, ...readdirSync(path).flatMap((name) => loose(join(path, name)))];
      };
      let db = await openDatabase({ dataDir });
      assert.deepEqual(loose(dataDir), []);
      assert.equal(statSync(`${dataDir}.lock`).mode & 0o777, 0o600);
      await db.close();
      // a folder left world-writable by an earlier version is fixed at the next start
      chmodSync(dataDir, 0o777);
      mkdirSync(join(dataDir, 'old'), { mode: 0o777 });
      writeFileSync(join(dataDir, 'old', 'file'), 'x', { mode: 0o666 });
      db = await openDatabase({ dataDir });
      assert.equal(statSync(dataDir).mode & 0o777, 0o700);
      assert.deepEqual(loose(dataDir), []);
      await db.close();
    } finally {
      process.umask(umask);
    }
  });
});
