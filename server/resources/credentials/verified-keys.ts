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
/** The last part of an entry's life in which its key is read again ahead of its expiry. */
const REFRESH_AHEAD = 0.25;

interface Entry<T> {
  value: Promise<T | undefined>;
  expires: number;
  /** From then on, the next call starts reading the key again; calls keep this answer meanwhile. */
  refresh: number;
  generation: number;
  renewing: boolean;
}

export class VerifiedKeys<T> {
  #entries = new Map<string, Entry<T>>();

  constructor(private readonly ttlMs: number) {}

  /**
   * The remembered answer for a key's digest, or, after `read`, the fresh one (remembered if
   * found). Calls arriving while a key is read wait for that one read instead of each sending
   * their own. A key asked for in the last quarter of its entry's life is read again in the
   * background while the calls keep the answer they have (never past its `ttlMs`): a key in
   * constant use is renewed before it expires, and no call waits for its read. A renewal that no
   * longer finds the key forgets it at once.
   */
  get(digest: string, read: () => Promise<T | undefined>): Promise<T | undefined> {
    const now = Date.now();
    const entry = this.#entries.get(digest);
    if (entry && entry.expires > now && entry.generation === generation) {
      if (entry.refresh <= now && !entry.renewing) {
        entry.renewing = true;
        const renewed = this.#entry(read(), now);
        renewed.value.then(
          (found) => {
            if (this.#entries.get(digest) !== entry) return; // forgotten or replaced meanwhile
            if (found === undefined) this.#entries.delete(digest);
            else this.#entries.set(digest, renewed);
          },
          () => {
            entry.renewing = false; // the live answer stays until it expires
          },
        );
      }
      return entry.value;
    }
    const value = read();
    if (this.ttlMs <= 0) return value;
    if (this.#entries.size >= REMEMBERED) this.#entries.clear();
    const remembered = this.#entry(value, now);
    this.#entries.set(digest, remembered);
    // only a key that matched is remembered past its read: a miss or a failure is read again
    const forget = () => {
      if (this.#entries.get(digest) === remembered) this.#entries.delete(digest);
    };
    value.then((found) => found === undefined && forget(), forget);
    return value;
  }

  #entry(value: Promise<T | undefined>, now: number): Entry<T> {
    return { value, expires: now + this.ttlMs, refresh: now + this.ttlMs * (1 - REFRESH_AHEAD), generation, renewing: false };
  }
}
