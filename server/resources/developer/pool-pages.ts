import type { Knex } from 'knex';
import { type PoolFilter, poolPage } from './developer.repository.ts';

type Rows = Record<string, unknown>[];

/** How many pages one process remembers; past it, it starts over. */
const REMEMBERED = 1_000;
/** The last part of a page's life in which it is read again ahead of its expiry. */
const REFRESH_AHEAD = 0.25;

interface Page {
  rows: Promise<Rows>;
  expires: number;
  /** From then on, the next call starts reading the page again; calls keep this one meanwhile. */
  refresh: number;
  renewing: boolean;
}

/**
 * Pages of the data pool served from memory for `ttlMs`: apps poll the same first pages of the
 * same filters over and over, and the pool changes only when a business is verified or referred.
 * While a page is read, the calls asking for it wait for that one query instead of each sending
 * their own; a page asked for in the last quarter of its life is read again in the background
 * while the calls keep the one they have, so a busy page is renewed before it expires and no
 * call waits for it. Nothing is served past `ttlMs`. The cache holds rows, not answers: every
 * call is still metered on its own, and the pool's view already leaves out private fields.
 * ttlMs = 0 reads every page.
 */
export class PoolPages {
  #pages = new Map<string, Page>();

  constructor(
    private readonly knex: Knex,
    private readonly ttlMs: number,
  ) {}

  page(filter: PoolFilter): Promise<Rows> {
    if (this.ttlMs <= 0) return poolPage(this.knex, filter);
    const key = JSON.stringify(filter);
    const now = Date.now();
    const cached = this.#pages.get(key);
    if (cached && cached.expires > now) {
      if (cached.refresh <= now && !cached.renewing) {
        cached.renewing = true;
        // the calls keep the live page; the new one replaces it once read (a failure leaves it to expire)
        this.#read(key, filter, now).catch(() => {
          cached.renewing = false;
        });
      }
      return cached.rows;
    }
    return this.#read(key, filter, now);
  }

  /** Reads a page and remembers it; one promise for every caller (a knex query runs again each time it is awaited). */
  #read(key: string, filter: PoolFilter, now: number): Promise<Rows> {
    const rows = Promise.resolve(poolPage(this.knex, filter));
    const page: Page = { rows, expires: now + this.ttlMs, refresh: now + this.ttlMs * (1 - REFRESH_AHEAD), renewing: false };
    const live = this.#pages.get(key);
    if (live && live.expires > now) {
      // a renewal: the live page answers until this one is read
      rows.then(() => this.#remember(key, page)).catch(() => {});
    } else {
      this.#remember(key, page);
      // a failed read is never served to later calls
      rows.catch(() => {
        if (this.#pages.get(key) === page) this.#pages.delete(key);
      });
    }
    return rows;
  }

  #remember(key: string, page: Page): void {
    if (this.#pages.size >= REMEMBERED && !this.#pages.has(key)) this.#pages.clear();
    this.#pages.set(key, page);
  }
}
