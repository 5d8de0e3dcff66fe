/**
 * Map items through an async function with at most `limit` calls in flight, keeping the input order.
 * Unlike Promise.all over everything, a fleet of 200 queues does not fire 200 GetQueueAttributes at once.
 * Rejects with the first failure, after which the workers take no new items; callers that must not stop on one
 * item's failure turn it into a value inside `fn`. Pure promise plumbing: no I/O, no timers.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  }
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
