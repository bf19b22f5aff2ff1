/**
 * Maps items through `fn` with at most `limit` calls in flight, keeping the input order in the
 * result: load tests that stay sound on a small machine (a bounded number of sockets) while
 * still racing `limit` requests against each other.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
