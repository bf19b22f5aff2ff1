import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

/** Sleeps this thread (lock-taking is synchronous and only waits while another process is mid-takeover). */
function pause(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The file's content, or undefined when it is gone. */
function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Creates `path` holding `content` in one step, or returns false when it exists: the content is
 * written to a private file first and hard-linked into place, so no reader ever sees it empty.
 */
function createWith(path: string, content: string): boolean {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, content, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * PGlite takes no lock of its own, and two processes writing one data folder silently lose
 * rows. A lock file beside the folder, holding the owner's pid (owner-only), refuses the second
 * process. A lock left by a process that died is taken over under a second, short-lived lock
 * (`.lock.takeover`): only its holder may delete the stale lock, after checking again that it
 * is still the dead process's, so of several processes taking over at once exactly one wins.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = `${resolve(dataDir)}.lock`;
  const takeoverPath = `${lockPath}.takeover`;
  const me = String(process.pid);
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 1_000; attempt++) {
    if (createWith(lockPath, me)) {
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (readIfThere(lockPath) === me) rmSync(lockPath, { force: true });
      };
    }
    const stale = readIfThere(lockPath);
    if (stale === undefined) continue; // released meanwhile: try again
    const owner = Number(stale);
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new DataDirLockedError(
        `The embedded database in ${dataDir} is in use by process ${owner}. Stop that process first, or point DATA_DIR or DATABASE_URL elsewhere.`,
      );
    }
    if (!createWith(takeoverPath, me)) {
      // another process is taking over; a takeover lock whose process died is cleared
      const taker = Number(readIfThere(takeoverPath));
      if (taker && !isAlive(taker) && readIfThere(takeoverPath) === String(taker)) rmSync(takeoverPath, { force: true });
      else pause(2);
      continue;
    }
    try {
      // still the same stale lock? (another process may have taken over and holds it now)
      if (readIfThere(lockPath) === stale) unlinkSync(lockPath);
    } finally {
      rmSync(takeoverPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

/**
 * The embedded database folder and everything in it readable and writable by its owner only
 * (0700 folders, no group or other bits on files), whatever the umask made them.
 */
export function restrictDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const walk = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if (stat.mode & 0o077) chmodSync(path, stat.mode & 0o700);
  };
  walk(dataDir);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
