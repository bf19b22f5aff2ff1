/**
 * Maps items through `fn` with at most `limit` calls in flight, keeping the input order in the
 * result: load tests that stay sound on a small machine (a bounded number of sockets) while
 * still racing `limit` requests against each other.
 *
 * On the first failure no further call starts; the calls already in flight are awaited, so none
 * outlives the test, and then the first error is thrown.
 */
export async function mapBounded<T, R>(items: Iterable<T>, limit: number, fn: (item: T, index: number) => R | PromiseLike<R>): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, not ${limit}`);
  const list = Array.from(items);
  const results = new Array<R>(list.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < list.length) {
      const index = next++;
      try {
        results[index] = await fn(list[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, list.length) }, worker));
  if (failure) throw failure.error;
  return results;
}
