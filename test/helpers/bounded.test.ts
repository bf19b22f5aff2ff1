import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapBounded } from './bounded.ts';

/** A call that finishes when the test says so, so that what is in flight can be counted. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('mapBounded', () => {
  it('keeps at most `limit` calls in flight, and starts the next as one finishes', async () => {
    const gates = Array.from({ length: 7 }, gate);
    const started: number[] = [];
    let inFlight = 0;
    let most = 0;
    const mapping = mapBounded(gates, 3, async (g, i) => {
      started.push(i);
      most = Math.max(most, ++inFlight);
      await g.opened;
      inFlight--;
      return i * 10;
    });
    await turn();
    assert.deepEqual(started, [0, 1, 2]);
    gates[1]!.open();
    await turn();
    assert.deepEqual(started, [0, 1, 2, 3]);
    for (const g of gates) g.open();
    assert.deepEqual(await mapping, [0, 10, 20, 30, 40, 50, 60]);
    assert.equal(most, 3);
  });

  it('keeps the order of the items, whatever order the calls finish in', async () => {
    const gates = Array.from({ length: 5 }, gate);
    const mapping = mapBounded(['a', 'b', 'c', 'd', 'e'], 5, async (item, i) => {
      await gates[i]!.opened;
      return item.toUpperCase();
    });
    for (const g of [...gates].reverse()) {
      g.open();
      await turn();
    }
    assert.deepEqual(await mapping, ['A', 'B', 'C', 'D', 'E']);
  });

  it('takes any iterable and plain values, and maps nothing to nothing', async () => {
    assert.deepEqual(await mapBounded(new Set([1, 2, 3]), 2, (n) => n + 1), [2, 3, 4]);
    assert.deepEqual(await mapBounded([], 4, () => assert.fail('called')), []);
  });

  it('starts nothing more after a failure, waits for the calls in flight, then throws the first error', async () => {
    const slow = gate();
    const started: number[] = [];
    let finished = false;
    const mapping = mapBounded([0, 1, 2, 3, 4], 2, async (i) => {
      started.push(i);
      if (i === 0) {
        await slow.opened;
        finished = true;
        return i;
      }
      throw new Error(`call ${i} failed`);
    });
    let settled = false;
    void mapping.catch(() => {}).finally(() => (settled = true));
    await turn();
    assert.equal(settled, false, 'the call in flight is awaited');
    slow.open();
    await assert.rejects(mapping, /call 1 failed/);
    assert.equal(finished, true);
    assert.deepEqual(started, [0, 1]);
  });

  it('refuses a limit that would run nothing', async () => {
    await assert.rejects(
      mapBounded([1], 0, (n) => n),
      RangeError,
    );
    await assert.rejects(
      mapBounded([1], 1.5, (n) => n),
      RangeError,
    );
  });
});
