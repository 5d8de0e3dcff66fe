/**
 * Map items through an async function with at most `limit` calls in flight, keeping the input order.
 * Unlike Promise.all over everything, a fleet of 200 queues does not fire 200 GetQueueAttributes at once.
 * `fn` should not reject: callers turn each item's failure into a value, so one failure never stops the rest.
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
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
