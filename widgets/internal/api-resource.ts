import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiFailure, request } from './api-client.ts';
import type { EmbedSession, FetchSession } from './embed-session.ts';

/** What a widget shows: `idle` means it cannot ask yet (an authenticated widget without `fetchSession`). */
export type Status = 'idle' | 'loading' | 'empty' | 'data' | 'error';

/** The element side of a resource: where the API is, how long to wait, and (authenticated elements) the session. */
export interface ResourceHost extends ReactiveControllerHost, HTMLElement {
  apiBase: string | null;
  timeout: number;
  fetchSession?: FetchSession | undefined;
  session?: EmbedSession | undefined;
}

export interface ResourceOptions<T> {
  /** The path to GET, or undefined when the element cannot ask yet. */
  path: () => string | undefined;
  /** Turns the JSON into what the element renders; throws ApiFailure('malformed') on a wrong shape. */
  parse: (json: unknown) => T;
  /** Data the host handed over as a property: shown as is, nothing is fetched. */
  given: () => T | undefined;
  isEmpty?: (value: T) => boolean;
  /** Whether the path needs an embed session: without `fetchSession` the resource stays idle. */
  authenticated?: boolean | undefined;
}

const AUTOMATIC_RETRY_MS = 600;

/**
 * Loads one API resource for an element: fetches when the element connects or when api-base,
 * fetchSession or path change, aborts on disconnect, retries a transient failure once by itself and
 * otherwise waits for `retry()` (the error state's button).
 */
export class ApiResource<T> implements ReactiveController {
  status: Status = 'idle';
  value?: T | undefined;
  error?: ApiFailure | undefined;
  private key?: string | undefined;
  private fetchSession?: FetchSession | undefined;
  private inflight?: AbortController | undefined;
  private retryTimer?: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ResourceHost,
    private readonly options: ResourceOptions<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.key = undefined;
  }

  hostDisconnected(): void {
    this.cancel();
  }

  hostUpdate(): void {
    if (this.showGiven()) {
      this.cancel();
      this.key = undefined;
      return;
    }
    const path = this.options.path();
    const fetchSession = this.options.authenticated ? this.host.fetchSession : undefined;
    const ready = path !== undefined && this.host.apiBase !== null && (!this.options.authenticated || !!fetchSession);
    const key = ready ? `${this.host.apiBase}\n${path}` : undefined;
    if (key === this.key && fetchSession === this.fetchSession && (key !== undefined || this.status === 'idle')) return;
    this.key = key;
    this.fetchSession = fetchSession;
    this.cancel();
    this.value = undefined;
    this.error = undefined;
    this.status = 'idle';
    if (key !== undefined) void this.load(path!, 0);
  }

  /**
   * Shows the data the host handed over, if any (true when it did), and never fetches: all that a
   * server render (Lit SSR, which runs no controller) asks of a resource.
   */
  showGiven(): boolean {
    const given = this.options.given();
    if (given === undefined) return false;
    this.value = given;
    this.error = undefined;
    this.status = this.options.isEmpty?.(given) ? 'empty' : 'data';
    return true;
  }

  /** Asks again (the retry button, or after the element changed something on the server). */
  retry(): void {
    const path = this.options.path();
    if (path === undefined || this.options.given() !== undefined) return;
    this.cancel();
    void this.load(path, 0);
  }

  private async load(path: string, attempt: number): Promise<void> {
    const inflight = new AbortController();
    this.inflight = inflight;
    if (this.status !== 'loading') {
      this.status = 'loading';
      this.host.requestUpdate();
    }
    try {
      const send = (token?: string) => request({ apiBase: this.host.apiBase ?? '', path, token, signal: inflight.signal, timeoutMs: this.host.timeout });
      const json = await (this.options.authenticated ? this.host.session!.send(send) : send());
      if (inflight.signal.aborted) return;
      const value = this.options.parse(json);
      this.value = value;
      this.error = undefined;
      this.status = this.options.isEmpty?.(value) ? 'empty' : 'data';
    } catch (error) {
      if (inflight.signal.aborted) return;
      const failure = error instanceof ApiFailure ? error : new ApiFailure('malformed', String(error));
      if (failure.retryable && attempt === 0) {
        this.retryTimer = setTimeout(() => void this.load(path, attempt + 1), AUTOMATIC_RETRY_MS);
        return;
      }
      this.value = undefined;
      this.error = failure;
      this.status = 'error';
    }
    this.host.requestUpdate();
  }

  private cancel(): void {
    clearTimeout(this.retryTimer);
    this.inflight?.abort();
    this.inflight = undefined;
  }
}
