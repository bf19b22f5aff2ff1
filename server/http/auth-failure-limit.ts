import type { Request } from 'express';
import type { Store } from 'express-rate-limit';
import { AppError } from '../errors.ts';
import type { Authenticator } from './authenticate.ts';

const WINDOW_MS = 60_000;

/**
 * Failed authentications per address: past `limitPerMinute` wrong or missing credentials in a
 * minute, the address gets 429 (with Retry-After) before any credential lookup, until the window
 * ends. Only a failure counts: the count is read before authenticating and raised on a 401, so
 * any number of concurrent valid calls from one address pass (a limit that counted every
 * request until its answer refused them). An expired embed session is not a failure.
 */
export class FailedAuthentications {
  constructor(
    private readonly store: Store,
    private readonly limitPerMinute: number,
  ) {
    // the store's own clock (MemoryStore's reset timer; Redis key expiry) runs on this window
    store.init?.({ windowMs: WINDOW_MS } as Parameters<NonNullable<Store['init']>>[0]);
  }

  /** Runs an authentication for this request, refused while its address is over the limit. */
  async counted<T>(req: Request, authenticate: () => Promise<T>): Promise<T> {
    const key = req.ip ?? 'unknown';
    const counted = await Promise.resolve(this.store.get?.(key)).catch(() => undefined);
    const retryMs = counted?.resetTime ? counted.resetTime.getTime() - Date.now() : 0;
    if (counted && counted.totalHits >= this.limitPerMinute && retryMs > 0) {
      const seconds = Math.max(1, Math.ceil(retryMs / 1000));
      req.res?.set('Retry-After', String(seconds));
      throw new AppError('rate_limited', `Too many failed authentications from this address; retry in ${seconds} s`);
    }
    try {
      return await authenticate();
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthorized') await Promise.resolve(this.store.increment(key)).catch(() => undefined);
      throw error;
    }
  }
}

/** The authenticator of every API route, under the failed-authentication limit (public routes are not authenticated). */
export function limitFailedAuthentications(authenticate: Authenticator, failures: FailedAuthentications): Authenticator {
  const limited = (audience: Parameters<Authenticator>[0], req: Request) =>
    audience === 'public' ? authenticate(audience, req) : failures.counted(req, () => authenticate(audience, req));
  return limited as Authenticator;
}
