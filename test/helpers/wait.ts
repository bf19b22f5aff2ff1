import assert from 'node:assert/strict';

/** How long a test waits for something the server does by itself before calling it a hang. */
export const GIVE_UP_MS = 60_000;

/**
 * Waits for something the server does by itself (recovery, readiness changing, a stream entry),
 * checking every 100 ms; fails after GIVE_UP_MS. Not a latency assertion: that belongs to the bench.
 */
export async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + GIVE_UP_MS;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what} never happened`);
}
