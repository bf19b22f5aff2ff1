import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';

/** A process's resident memory in bytes, from /proc (Linux). */
export function residentBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

export interface Streams {
  /** When each client received each marked business: `received[client].get(mark)` in ms (performance.now()). */
  received: Map<number, number>[];
  close(): void;
}

/**
 * Opens `count` live streams (GET /v1/public/feed/stream) on raw loopback sockets — an
 * EventSource or an HTTP client per stream would cost the load generator more than the server —
 * and notes when each one sees a business whose name carries `marker-<n>`. Resolves once every
 * stream has its 200 answer.
 */
export async function openStreams(base: string, count: number, marker: string): Promise<Streams> {
  const { hostname, port } = new URL(base);
  const received: Map<number, number>[] = [];
  const sockets: Socket[] = [];
  const mark = new RegExp(`${marker}-(\\d+)`, 'g');
  const opened: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const seen = new Map<number, number>();
    received.push(seen);
    const socket = connect(Number(port), hostname);
    sockets.push(socket);
    socket.setEncoding('utf8');
    opened.push(
      new Promise<void>((resolve, reject) => {
        let answered = false;
        socket.on('error', reject);
        socket.on('data', (chunk: string) => {
          const now = performance.now();
          if (!answered) {
            if (!chunk.startsWith('HTTP/1.1 200')) return reject(new Error(`stream ${i}: ${chunk.split('\r\n')[0]}`));
            answered = true;
            resolve();
          }
          for (const match of chunk.matchAll(mark)) if (!seen.has(Number(match[1]))) seen.set(Number(match[1]), now);
        });
      }),
    );
    socket.write(`GET /v1/public/feed/stream HTTP/1.1\r\nHost: ${hostname}\r\nAccept: text/event-stream\r\n\r\n`);
    // a few hundred connections at a time, as browsers arriving would
    if (i % 250 === 249) await Promise.all(opened.slice(-250));
  }
  await Promise.all(opened);
  return { received, close: () => sockets.forEach((socket) => socket.destroy()) };
}

/** Percentile (0–100) of a sorted list. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
