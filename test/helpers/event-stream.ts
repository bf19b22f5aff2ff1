import assert from 'node:assert/strict';

/** One Server-Sent Events block: its fields, or a comment line. */
export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
  retry?: string;
}

function parseBlock(block: string): SseEvent {
  const event: SseEvent = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) event.comment = line.slice(1).trim();
    else {
      const [field, ...rest] = line.split(': ');
      (event as Record<string, string>)[field!] = rest.join(': ');
    }
  }
  return event;
}

/**
 * A client of a text/event-stream: opens it (expecting 200 and the stream's content type),
 * parses every event as it arrives, and lets a test wait for an event or for some text. Waits
 * have no deadline of their own (the test runner's timeout ends a hang); a stream that ends
 * before what is awaited arrives fails the wait.
 */
export async function openEventStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  assert.equal(res.status, 200, `${url}: ${res.status}`);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const events: SseEvent[] = [];
  let text = '';
  let ended = false;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body!) {
        const decoded = decoder.decode(chunk as Uint8Array, { stream: true });
        text += decoded;
        buffer += decoded;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          events.push(parseBlock(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
        }
        wake();
      }
    } catch {
      // aborted by the test, or cut by the server
    } finally {
      ended = true;
      wake();
    }
  })();

  const until = async (done: () => boolean, what: string) => {
    while (!done()) {
      if (ended) throw new Error(`the stream ended before ${what}; got ${JSON.stringify(events)}`);
      await new Promise<void>((resolve) => {
        const waiter = () => {
          waiters.delete(waiter);
          resolve();
        };
        waiters.add(waiter);
      });
    }
  };

  return {
    events,
    get ended() {
      return ended;
    },
    close: () => controller.abort(),
    /** The first event matching `predicate`, once it has arrived. */
    async next(predicate: (event: SseEvent) => boolean): Promise<SseEvent> {
      await until(() => events.some(predicate), 'a matching event arrived');
      return events.find(predicate)!;
    },
    /** Resolves once the raw stream has carried `fragment`. */
    async carried(fragment: string): Promise<void> {
      let from = 0; // only new text is searched again
      await until(
        () => {
          if (text.indexOf(fragment, from) >= 0) return true;
          from = Math.max(0, text.length - fragment.length);
          return false;
        },
        `it carried ${JSON.stringify(fragment)}`,
      );
    },
    /** Resolves once `done()` holds, re-checked as events arrive. */
    until: (done: () => boolean) => until(done, 'the awaited condition held'),
  };
}
