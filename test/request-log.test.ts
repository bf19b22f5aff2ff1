import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { requestLog } from '../server/http/request-log.ts';

interface Line {
  level: number;
  msg: string;
  reqId: string;
  req?: { method: string; path: string };
  res?: { statusCode: number };
}

function logged() {
  const lines: Line[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const app = express().use(requestLog(logger));
  return { app, lines };
}

describe('request log', () => {
  it('logs one line per request, at a level by status, and binds req.log to the request id', async () => {
    const { app, lines } = logged();
    app.get('/ok', (req, res) => {
      req.log.info('inside');
      res.json({ ok: true });
    });
    app.get('/missing', (_req, res) => void res.status(404).end());
    app.get('/broken', (_req, res) => void res.status(500).end());
    const ok = await request(app).get('/ok?secret=1').set('X-Request-Id', 'abc-1');
    await request(app).get('/missing');
    await request(app).get('/broken');
    await delay(10);
    const inside = lines.find((l) => l.msg === 'inside');
    assert.equal(inside?.reqId, 'abc-1');
    const done = lines.filter((l) => l.msg === 'request completed');
    assert.equal(done.length, 3);
    assert.deepEqual(
      done.map((l) => [l.req?.path, l.res?.statusCode, l.level]),
      [
        ['/ok', 200, 30],
        ['/missing', 404, 40],
        ['/broken', 500, 50],
      ],
    );
    assert.equal(done[0]!.reqId, ok.headers['x-request-id']);
  });

  it('logs 499 once for a client that went away before the answer', async () => {
    const { app, lines } = logged();
    let answer: (() => void) | undefined;
    app.get('/slow', (_req, res) => {
      answer = () => res.end('late');
    });
    const server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const aborted = new AbortController();
      const call = fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`, { signal: aborted.signal }).catch(() => undefined);
      while (!answer) await delay(5);
      aborted.abort();
      await call;
      await delay(50);
      answer();
      await delay(10);
      const done = lines.filter((l) => l.msg === 'request completed');
      assert.equal(done.length, 1);
      assert.equal(done[0]!.res?.statusCode, 499);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
