import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiFailure } from './api-client.ts';

/**
 * What `fetchSession` resolves to: the body of `POST /v1/…/embed-sessions` as the host's server
 * passed it on, or the client secret alone (then the element asks again only when the API says
 * the session expired). `expires_in`, where given, is preferred to `expires_at`: a visitor's
 * clock may be wrong by minutes.
 */
export type EmbedSessionAnswer = { client_secret: string; expires_at?: string; expires_in?: number } | string;

/** Asks the host page's own server for an embed session, which that server mints with its long-lived credential. */
export type FetchSession = () => Promise<EmbedSessionAnswer>;

interface Session {
  secret: string;
  /** When it expires (ms since the epoch); NaN when the answer did not say. */
  expiresAt: number;
}

interface Shared {
  pending: Promise<Session>;
  session?: Session;
}

const REFRESH_BEFORE_EXPIRY_MS = 60_000;
const MIN_REFRESH_MS = 5_000;
/** setTimeout fires at once beyond this. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** One pending call and one result per function: elements given the same `fetchSession` share them. */
const sessions = new WeakMap<FetchSession, Shared>();

/** When a session expires, in ms since the epoch; NaN when the answer does not say. */
function expiryOf(answer: EmbedSessionAnswer): number {
  if (typeof answer === 'string') return Number.NaN;
  const seconds = answer.expires_in;
  return typeof seconds === 'number' && seconds > 0 ? Date.now() + seconds * 1000 : Date.parse(answer.expires_at ?? '');
}

/**
 * The current session of `fetchSession`; asks again when there is none, when it has expired (a
 * timer may have been held back in a background tab), or when `refused` is still its secret.
 */
function sessionOf(fetchSession: FetchSession, refused?: string): Promise<Session> {
  const known = sessions.get(fetchSession);
  const session = known?.session;
  if (known && (!session || (session.secret !== refused && !(session.expiresAt <= Date.now())))) return known.pending;
  const shared: Shared = {
    pending: Promise.resolve()
      .then(fetchSession)
      .then((answer) => {
        const secret = typeof answer === 'string' ? answer : answer?.client_secret;
        if (typeof secret !== 'string' || !secret) throw new Error('no client_secret');
        return (shared.session = { secret, expiresAt: expiryOf(answer) });
      }),
  };
  // A failed call is forgotten, so the next request (the retry button) asks again.
  shared.pending.catch(() => sessions.get(fetchSession) === shared && sessions.delete(fetchSession));
  sessions.set(fetchSession, shared);
  return shared.pending;
}

/** The element side of a session: who to ask, and whether its timers may run. */
export interface SessionHost extends ReactiveControllerHost, HTMLElement {
  fetchSession?: FetchSession | undefined;
}

/**
 * An element's embed session: the client secret is kept in memory only, asked for again about a
 * minute before it expires (never more often than every 5 s) while the element is connected, and
 * once more when the API answers 401 `session_expired`.
 */
export class EmbedSession implements ReactiveController {
  private timer?: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: SessionHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  /** Sends a request with the secret; after a 401 `session_expired`, gets a new session and sends it once more. */
  async send<T>(request: (secret: string) => Promise<T>): Promise<T> {
    const secret = await this.secret();
    try {
      return await request(secret);
    } catch (error) {
      if (!(error instanceof ApiFailure && error.code === 'session_expired')) throw error;
      return request(await this.secret(secret));
    }
  }

  private async secret(refused?: string): Promise<string> {
    const fetchSession = this.host.fetchSession;
    let session: Session;
    try {
      if (!fetchSession) throw new Error('no fetchSession');
      session = await sessionOf(fetchSession, refused);
    } catch {
      throw new ApiFailure('session', 'fetchSession failed', 401);
    }
    clearTimeout(this.timer);
    const delay = session.expiresAt - REFRESH_BEFORE_EXPIRY_MS - Date.now();
    if (this.host.isConnected && this.host.fetchSession === fetchSession && !Number.isNaN(delay)) {
      // A failed refresh is forgotten (sessionOf): the next request asks again and shows the failure.
      this.timer = setTimeout(() => this.secret(session.secret).catch(() => {}), Math.min(Math.max(delay, MIN_REFRESH_MS), MAX_DELAY_MS));
    }
    return session.secret;
  }
}
