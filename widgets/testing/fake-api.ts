/** A stand-in for the network in browser tests: fetch and EventSource answer from the test. */

export interface FakeRequest {
  url: URL;
  method: string;
  headers: Headers;
  body: unknown;
  signal?: AbortSignal | null | undefined;
}

export type Handler = (request: FakeRequest) => Response | Promise<Response>;

export const API = 'https://api.example.test';

export const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/**
 * A host page's `fetchSession`, answering with this client secret for 15 minutes. A new function
 * each time: elements given the same one share its session, so tests must not share one by accident.
 */
export const fakeSession =
  (secret = 'ews_test_session') =>
  async () => ({ client_secret: secret, expires_at: new Date(Date.now() + 900_000).toISOString() });

/** Replaces window.fetch until `restore()`; records every request. */
export function stubFetch(handler: Handler) {
  const original = window.fetch;
  const requests: FakeRequest[] = [];
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const request: FakeRequest = {
      url: new URL(String(input instanceof Request ? input.url : input), location.href),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      signal: init.signal,
    };
    requests.push(request);
    return handler(request);
  };
  return { requests, restore: () => (window.fetch = original) };
}

/** Answers by path; an unknown path is a 404 in the API's error shape. */
export function routes(table: Record<string, unknown | ((request: FakeRequest) => Response | Promise<Response>)>): Handler {
  return (request) => {
    const answer = table[request.url.pathname];
    if (answer === undefined) return json({ error: { code: 'not_found', message: `No route ${request.url.pathname}` } }, 404);
    return typeof answer === 'function' ? (answer as Handler)(request) : json(answer);
  };
}

/** The faults a widget must survive. */
export const faults: Record<string, Handler> = {
  'API down': () => Promise.reject(new TypeError('Failed to fetch')),
  'API slow (5 s)': ({ signal }) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve(json({})), 5000);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      });
    }),
  'API 500': () => json({ error: { code: 'internal', message: 'Something went wrong' } }, 500),
  'malformed JSON': () => new Response('{"partner_referred_businesses": 12, "value_fl', { status: 200, headers: { 'Content-Type': 'application/json' } }),
  'an HTML page instead of JSON': () => new Response('<html><body>Bad gateway</body></html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
  'JSON of the wrong shape': () => json({ unexpected: [1, 2, 3], value_flow: 'nope', apps: 'many' }),
};

/** A controllable EventSource: tests push events into the instances the widget opened. */
export class FakeEventSource extends EventTarget {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  onerror: ((event: Event) => void) | null = null;
  constructor(readonly url: string) {
    super();
    FakeEventSource.instances.push(this);
    queueMicrotask(() => {
      if (this.readyState !== 2) {
        this.readyState = 1;
        this.dispatchEvent(new Event('open'));
      }
    });
  }
  emit(type: string, data: unknown, id = '') {
    this.dispatchEvent(new MessageEvent(type, { data: typeof data === 'string' ? data : JSON.stringify(data), lastEventId: id }));
  }
  fail() {
    const event = new Event('error');
    this.dispatchEvent(event);
    this.onerror?.(event);
  }
  close() {
    this.readyState = 2;
  }
  get closed() {
    return this.readyState === 2;
  }
  static install() {
    const original = window.EventSource;
    FakeEventSource.instances = [];
    (window as unknown as { EventSource: unknown }).EventSource = FakeEventSource;
    return () => ((window as unknown as { EventSource: unknown }).EventSource = original);
  }
}

/** The text of a widget's shadow root with whitespace collapsed. */
export const textOf = (element: Element) => (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();

export const HOSTILE = '<img src=x onerror=alert(1)>';
