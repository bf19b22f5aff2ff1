import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { killAll, startServer } from './child-server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a script to its end with only the given environment; what it printed and its exit code. */
function run(script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SEED_DEMO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** What stops a start is said before any build or database work, in one line, with exit code 1. */
describe('start-up checks', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ew-start-'));
  let occupied: Server;
  let occupiedPort: number;
  before(async () => {
    occupied = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => occupied.once('listening', resolve));
    occupiedPort = (occupied.address() as { port: number }).port;
  });
  after(async () => {
    await killAll();
    occupied.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('npm start: a bad setting is reported before the build', async () => {
    const result = await run('scripts/start.ts', { PORT: 'abc', DATA_DIR: join(folder, 'a') });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /PORT/);
    assert.equal(result.stdout, '', 'the build did not run');
  });

  it('npm start: a port in use is reported before the build', async () => {
    const result = await run('scripts/start.ts', { PORT: String(occupiedPort), DATA_DIR: join(folder, 'b') });
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`Port ${occupiedPort} on 127.0.0.1 is already in use`));
    assert.equal(result.stdout, '');
  });

  it('npm start: a data folder held by a running server is reported before the build', { timeout: 120_000 }, async () => {
    const dataDir = join(folder, 'held');
    const first = await startServer({ DATA_DIR: dataDir });
    const result = await run('scripts/start.ts', { PORT: '0', DATA_DIR: dataDir });
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`in use by process ${first.pid}`));
    assert.equal(result.stdout, '');
    await first.stop();
  });

  it('the server: a port in use is reported before any database work, without a stack trace', async () => {
    const dataDir = join(folder, 'never');
    const result = await run('server/main.ts', { PORT: String(occupiedPort), DATA_DIR: dataDir, NODE_ENV: 'test' });
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trim(), `Port ${occupiedPort} on 127.0.0.1 is already in use: stop what uses it, or start with PORT=<another port>.`);
    assert.ok(!existsSync(dataDir), 'no database was created');
  });
});
