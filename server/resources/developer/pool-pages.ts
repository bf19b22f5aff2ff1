import type { Knex } from 'knex';
import { type PoolFilter, poolPage } from './developer.repository.ts';

type Rows = Record<string, unknown>[];

/** How many pages one process remembers; past it, it starts over. */
const REMEMBERED = 1_000;

/**
 * Pages of the data pool served from memory for `ttlMs`: apps poll the same first pages of the
 * same filters over and over, and the pool changes only when a business is verified or referred.
 * While a page is read, the calls asking for it wait for that one query instead of each sending
 * their own. The cache holds rows, not answers: every call is still metered on its own, and the
 * pool's view already leaves out private fields. ttlMs = 0 reads every page.
 */
export class PoolPages {
  #pages = new Map<string, { rows: Promise<Rows>; expires: number }>();

  constructor(
    private readonly knex: Knex,
    private readonly ttlMs: number,
  ) {}

  page(filter: PoolFilter): Promise<Rows> {
    if (this.ttlMs <= 0) return poolPage(this.knex, filter);
    const key = JSON.stringify(filter);
    const now = Date.now();
    const cached = this.#pages.get(key);
    if (cached && cached.expires > now) return cached.rows;
    // one promise for every caller: a knex query runs again each time it is awaited
    const rows = Promise.resolve(poolPage(this.knex, filter));
    if (this.#pages.size >= REMEMBERED) this.#pages.clear();
    this.#pages.set(key, { rows, expires: now + this.ttlMs });
    // a failed read is never served to later calls
    rows.catch(() => {
      if (this.#pages.get(key)?.rows === rows) this.#pages.delete(key);
    });
    return rows;
  }
}
