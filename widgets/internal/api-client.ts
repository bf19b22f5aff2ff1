/** The one HTTP client of every widget: timeouts, abort, the API's error shape, and JSON checks. */

/** `session`: the host page's `fetchSession` failed or gave no client secret. */
export type FailureKind = 'network' | 'timeout' | 'http' | 'malformed' | 'session';

/**
 * Why a request failed, in terms a widget can decide on. Widgets show their own localized text;
 * `message` is the API's own message for an HTTP error, and otherwise a short diagnostic.
 */
export class ApiFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status = 0,
    readonly code = '',
  ) {
    super(message);
  }

  /** Network trouble, timeouts and server errors may pass; a 4xx answer or a failed `fetchSession` will not change by itself. */
  get retryable(): boolean {
    return this.kind === 'http' ? this.status >= 500 || this.status === 429 : this.kind !== 'session';
  }
}

export interface RequestOptions {
  apiBase: string;
  path: string;
  /** The embed session's client secret, sent as the Bearer. */
  token?: string | undefined;
  method?: 'GET' | 'POST' | undefined;
  body?: unknown | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs: number;
}

/** Joins the api-base attribute and a path; an empty base means the page's own origin. */
export function apiUrl(apiBase: string, path: string): string {
  return `${apiBase.replace(/\/+$/, '')}${path}`;
}

export async function request(options: RequestOptions): Promise<unknown> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
  const onAbort = () => timeout.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    let response: Response;
    try {
      response = await fetch(apiUrl(options.apiBase, options.path), {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        signal: timeout.signal,
        credentials: 'omit',
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiFailure(timeout.signal.aborted ? 'timeout' : 'network', 'unreachable');
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      if (timeout.signal.aborted && !options.signal?.aborted) throw new ApiFailure('timeout', 'unreachable');
      throw new ApiFailure(response.ok ? 'malformed' : 'http', `HTTP ${response.status}`, response.status);
    }
    if (!response.ok) {
      const error = isRecord(json) && isRecord(json.error) ? json.error : {};
      const message = typeof error.message === 'string' ? error.message : `HTTP ${response.status}`;
      throw new ApiFailure('http', message, response.status, typeof error.code === 'string' ? error.code : '');
    }
    return json;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
