import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { migrateLatest, openDatabase } from '../../server/db/database.ts';
import { createPostgresDatabase } from '../helpers/databases.ts';

/**
 * The real server (server/main.ts) as a child process, for tests of what only processes show:
 * several of them on one database, signals, a kill in the middle of a write.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildServer {
  readonly base: string;
  readonly pid: number;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  readonly exited: Promise<number | string>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<number | string>;
  /** SIGKILL, then waits for the exit. */
  kill(): Promise<number | string>;
}

/** Tokens for a group of processes that act as one deployment. */
/**
 * A fresh PostgreSQL database with every migration applied, once, before the processes start:
 * two processes starting together would both try to migrate.
 */
export async function migratedPostgres(serverUrl: string): Promise<Awaited<ReturnType<typeof createPostgresDatabase>>> {
  const created = await createPostgresDatabase(serverUrl);
  const db = await openDatabase({ databaseUrl: created.url });
  await migrateLatest(db.knex);
  await db.close();
  return created;
}

export function deploymentTokens() {
  return {
    ADMIN_TOKEN: `test_admin_${randomBytes(16).toString('hex')}`,
    SERVICE_TOKEN: `test_service_${randomBytes(16).toString('hex')}`,
  };
}

const running = new Set<ChildServer>();

/** Starts server/main.ts on a free port and resolves once it prints where it listens. */
export async function startServer(env: Record<string, string | undefined>): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    // only what the server should see: no settings leak in from the test run
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      PUBLIC_CACHE_MS: '0',
      DATA_POOL_CACHE_MS: '0',
      // a test's bursts come from one address: the /v1 and failed-authentication limits stay out of the way
      API_RATE_LIMIT_PER_MINUTE: '1000000000',
      AUTH_FAILURES_PER_MINUTE: '1000000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const base = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const found = /listening on (http:\/\/[\d.]+:\d+)/.exec(printed);
      if (found) resolve(found[1]!);
    };
    child.stdout!.on('data', look);
    void exited.then((how) => reject(new Error(`server exited (${how}) before listening:\n${printed}`)));
  });
  const server: ChildServer = {
    base,
    pid: child.pid!,
    output: () => printed,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
  running.add(server);
  void exited.then(() => running.delete(server));
  return server;
}

/** Kills every server still running (for `after`, whatever happened in the tests). */
export async function killAll(): Promise<void> {
  await Promise.all([...running].map((server) => server.kill()));
}

export interface Answer {
  status: number;
  body: any;
}

/** One JSON request; network errors are answered as status 0 so callers can count them. */
export async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  } catch (error) {
    return { status: 0, body: { error: String((error as Error).cause ?? error) } };
  }
}

/** Like `call`, asserting the status. */
export async function expectCall(expected: number, base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const answer = await call(base, method, path, body, headers);
  assert.equal(answer.status, expected, `${method} ${path}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Limits how many promises run at once. */
export function limiter(inFlight: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active < inFlight) active++;
    else await new Promise<void>((resolve) => queue.push(resolve)); // the slot is handed over
    try {
      return await task();
    } finally {
      const next = queue.shift();
      if (next) next();
      else active--;
    }
  };
}

/** A small seeded generator, so that a failing run can be replayed. */
export function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
