/**
 * Developer API keys verified a moment ago, remembered so that the metered data pool — the route
 * developers call thousands of times a second — does not read its key's row on every call.
 *
 * A revocation in this process takes effect at once: every revoking path calls
 * `forgetVerifiedKeys()` once its change is committed, which invalidates every entry remembered
 * before (an entry carries the generation it was read in, so a lookup racing the revocation cannot
 * store a stale answer). Another process sharing the database forgets the key when its entry
 * expires, `API_KEY_CACHE_MS` later at most (docs/DECISIONS.md, "Verified keys remembered").
 */
let generation = 0;

/** Called after a key's revocation commits: everything remembered until now is read again. */
export function forgetVerifiedKeys(): void {
  generation++;
}

/** How many keys one process remembers; past it, it starts over. */
const REMEMBERED = 10_000;

export class VerifiedKeys<T> {
  #entries = new Map<string, { value: T; expires: number; generation: number }>();

  constructor(private readonly ttlMs: number) {}

  /** The remembered answer for a key's digest, or, after `read`, the fresh one (remembered if found). */
  async get(digest: string, read: () => Promise<T | undefined>): Promise<T | undefined> {
    const now = Date.now();
    const entry = this.#entries.get(digest);
    if (entry && entry.expires > now && entry.generation === generation) return entry.value;
    const seen = generation;
    const value = await read();
    if (value === undefined || this.ttlMs <= 0) return value;
    if (this.#entries.size >= REMEMBERED) this.#entries.clear();
    this.#entries.set(digest, { value, expires: now + this.ttlMs, generation: seen });
    return value;
  }
}
