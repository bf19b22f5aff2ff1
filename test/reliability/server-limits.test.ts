import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openEventStream } from '../helpers/event-stream.ts';
import { type ChildServer, deploymentTokens, killAll, startServer } from './child-server.ts';

/** A raw connection to the server; `closed` resolves with what the server sent before closing it. */
async function connect(base: string) {
  const { hostname, port } = new URL(base);
  const socket = net.connect(Number(port), hostname);
  await once(socket, 'connect');
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  socket.on('error', () => {});
  return { socket, closed };
}

describe('HTTP server limits (server/main.ts)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ew-limits-'));
  let server: ChildServer;
  before(async () => {
    server = await startServer({
      DATA_DIR: join(folder, 'pglite'),
      ...deploymentTokens(),
      HEADERS_TIMEOUT_MS: '1000',
      REQUEST_TIMEOUT_MS: '1000',
      MAX_CONNECTIONS: '3',
      SSE_HEARTBEAT_MS: '100',
    });
  });
  after(async () => {
    await killAll();
    rmSync(folder, { recursive: true, force: true });
  });

  it('closes a connection whose headers never finish, with 408', { timeout: 30_000 }, async () => {
    // a hang guard only: before, the server waited a minute or more for the rest of the headers
    const slow = await connect(server.base);
    slow.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    assert.match(await slow.closed, /^HTTP\/1\.1 408/);
  });

  it('keeps a live stream open past the request timeout', { timeout: 30_000 }, async () => {
    const stream = await openEventStream(`${server.base}/v1/public/feed/stream`);
    // 30 heartbeats 100 ms apart: the stream outlives REQUEST_TIMEOUT_MS (1 s) and the check interval
    await stream.next(() => stream.events.filter((e) => e.comment === 'heartbeat').length >= 30);
    stream.close();
  });

  it('closes connections past MAX_CONNECTIONS at once, and serves again once one ends', { timeout: 30_000 }, async () => {
    const held = [await connect(server.base), await connect(server.base), await connect(server.base)];
    const extra = await connect(server.base);
    assert.equal(await extra.closed, '', 'closed without an answer');
    held[0]!.socket.destroy();
    await held[0]!.closed;
    let answered = false;
    for (let tries = 0; tries < 200 && !answered; tries++) {
      const res = await fetch(`${server.base}/healthz`).catch(() => undefined);
      answered = res?.status === 200;
      if (!answered) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(answered);
    for (const { socket } of held) socket.destroy();
  });
});
