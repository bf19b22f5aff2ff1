import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { installProcessHandlers, type Resource } from '../../server/process.ts';

interface LogLine {
  level: number;
  msg: string;
  err?: { message: string; stack?: string };
  reason?: string;
  resource?: string;
  exitCode?: number;
}

/** A listening server, a fake process to emit on, a log to read, and the exit code when it comes. */
async function harness(resources: Resource[], { timeoutMs = 10_000, slowRequest = false } = {}) {
  let release: (() => void) | undefined;
  const server: Server = createServer((_req, res) => {
    if (!slowRequest) return res.end('ok');
    release = () => res.end('finished');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const lines: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const target = new EventEmitter();
  const exits: number[] = [];
  let exited!: (code: number) => void;
  const exit = new Promise<number>((resolve) => (exited = resolve));
  const handlers = installProcessHandlers({
    server,
    resources,
    logger,
    timeoutMs,
    target,
    exit: (code) => {
      exits.push(code);
      exited(code);
    },
  });
  return { server, base, lines, target, exit, exits, handlers, release: () => release?.() };
}

function tracked(name: string, order: string[], close: () => Promise<void> = async () => {}): Resource {
  return {
    name,
    async close() {
      order.push(name);
      await close();
    },
  };
}

describe('process handlers', () => {
  it('an unhandled rejection is logged with its error, then the server and the database close and the exit code is 1', async () => {
    const closed: string[] = [];
    const h = await harness([tracked('database', closed), tracked('redis', closed)]);
    const reason = new Error('nobody awaited this');
    h.target.emit('unhandledRejection', reason, Promise.resolve());
    assert.equal(await h.exit, 1);
    assert.equal(h.server.listening, false);
    assert.deepEqual(closed, ['database', 'redis']);
    const fatal = h.lines.find((l) => l.msg === 'unhandled promise rejection')!;
    assert.equal(fatal.level, 60);
    assert.equal(fatal.err!.message, 'nobody awaited this');
    assert.match(fatal.err!.stack!, /process-handlers\.test\.ts/);
    assert.deepEqual(h.lines.at(-1), { ...h.lines.at(-1), msg: 'stopped', exitCode: 1 });
    assert.deepEqual(h.exits, [1]);
  });

  it('an uncaught exception does the same', async () => {
    const closed: string[] = [];
    const h = await harness([tracked('database', closed)]);
    h.target.emit('uncaughtException', new TypeError('undefined is not a function'));
    assert.equal(await h.exit, 1);
    assert.deepEqual(closed, ['database']);
    const fatal = h.lines.find((l) => l.msg === 'uncaught exception')!;
    assert.equal(fatal.err!.message, 'undefined is not a function');
    assert.equal(h.server.listening, false);
  });

  it('SIGTERM lets the request in flight finish, then exits with 0', async () => {
    const closed: string[] = [];
    const h = await harness([tracked('database', closed)], { slowRequest: true });
    const inFlight = fetch(h.base);
    await new Promise<void>((resolve) => h.server.once('request', () => setImmediate(resolve)));
    h.target.emit('SIGTERM', 'SIGTERM');
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(h.server.listening, false, 'no new connections');
    assert.deepEqual(closed, [], 'the database stays open while a request is in flight');
    h.release();
    const res = await inFlight;
    assert.equal(await res.text(), 'finished');
    assert.equal(await h.exit, 0);
    assert.deepEqual(closed, ['database']);
    assert.equal(h.lines.find((l) => l.msg === 'shutting down')!.reason, 'SIGTERM');
  });

  it('errors during the shutdown shut down once; a resource that fails to close is logged, the next still closed, exit 1', async () => {
    const closed: string[] = [];
    const h = await harness([
      tracked('database', closed, async () => {
        throw new Error('connection already gone');
      }),
      tracked('redis', closed),
    ]);
    h.target.emit('SIGTERM', 'SIGTERM');
    h.target.emit('uncaughtException', new Error('while stopping'));
    h.target.emit('unhandledRejection', new Error('and another'));
    assert.equal(await h.exit, 1);
    assert.deepEqual(closed, ['database', 'redis']);
    assert.equal(h.lines.filter((l) => l.msg === 'shutting down').length, 1);
    assert.equal(h.lines.find((l) => l.msg === 'closing failed')!.resource, 'database');
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.deepEqual(h.exits, [1]);
  });

  it('a resource that never closes: the shutdown timeout exits with 1', async () => {
    const h = await harness([{ name: 'database', close: () => new Promise<void>(() => {}) }], { timeoutMs: 50 });
    h.target.emit('unhandledRejection', 'a rejection that is not an Error');
    assert.equal(await h.exit, 1);
    assert.ok(h.lines.some((l) => l.msg === 'shutdown timed out; exiting'));
    assert.deepEqual(h.exits, [1]);
  });

  it('uninstall removes every listener it added', async () => {
    const h = await harness([]);
    assert.equal(h.target.listenerCount('unhandledRejection'), 1);
    h.handlers.uninstall();
    for (const event of ['SIGTERM', 'SIGINT', 'unhandledRejection', 'uncaughtException']) assert.equal(h.target.listenerCount(event), 0, event);
    h.server.close();
  });
});
