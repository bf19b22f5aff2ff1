/**
 * `npm start`: what would stop the server is checked before the build (about 20 s), so a bad
 * setting, a port in use or a data folder held by another process is reported at once; then
 * the build, then the server. The demo logs warnings and errors only unless LOG_LEVEL says
 * otherwise, so the start-up banner (address, where the credentials are) stays readable.
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { ConfigError, loadConfig } from '../server/config.ts';
import { DataDirLockedError, lockDataDir } from '../server/db/data-dir-lock.ts';
import { listenProblem } from '../server/process.ts';

process.env.LOG_LEVEL ??= 'warn';

function stop(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) stop(error.message);
  throw error;
}

await new Promise<void>((resolve) => {
  const probe = createServer();
  probe.once('error', (error: NodeJS.ErrnoException) => stop(listenProblem(error, config.HOST, config.PORT)));
  probe.listen(config.PORT, config.HOST, () => probe.close(() => resolve()));
});

if (!config.DATABASE_URL) {
  try {
    lockDataDir(config.DATA_DIR)(); // taken and released at once: only whether another process holds it
  } catch (error) {
    if (error instanceof DataDirLockedError) stop(error.message);
    throw error;
  }
}

execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
await import('../server/main.ts');
