import type { Datapoint } from "../model/observation.ts";

/**
 * The newest `count` period buckets of a CloudWatch series, newest first, with `undefined` where a period has
 * no datapoint. Returns undefined when there is no datapoint at or before `now`, or the newest is older than
 * `maxAgeMs` (CloudWatch's SQS metrics can lag 15 minutes: stale data is missing data, not a reason to act).
 */
export function recentBuckets(
  series: readonly Datapoint[] | undefined,
  now: number,
  periodMs: number,
  count: number,
  maxAgeMs: number,
): (number | undefined)[] | undefined {
  if (!series) return undefined;
  let index = series.length - 1;
  while (index >= 0 && (series[index] as Datapoint).timestamp > now) index--;
  if (index < 0) return undefined;
  const newest = series[index] as Datapoint;
  if (now - newest.timestamp > maxAgeMs) return undefined;
  const newestBucket = Math.floor(newest.timestamp / periodMs);
  const buckets: (number | undefined)[] = new Array(count).fill(undefined);
  for (; index >= 0; index--) {
    const point = series[index] as Datapoint;
    const slot = newestBucket - Math.floor(point.timestamp / periodMs);
    if (slot >= count) break;
    if (slot >= 0 && buckets[slot] === undefined) buckets[slot] = point.value;
  }
  return buckets;
}

/** The timestamp of the newest usable datapoint (the one `recentBuckets` anchors on). */
export function newestTimestamp(series: readonly Datapoint[] | undefined, now: number): number | undefined {
  if (!series) return undefined;
  for (let index = series.length - 1; index >= 0; index--) {
    const point = series[index] as Datapoint;
    if (point.timestamp <= now) return point.timestamp;
  }
  return undefined;
}

/** True when the first `count` buckets are all present and all satisfy `test`. */
export function allBreach(
  buckets: readonly (number | undefined)[],
  count: number,
  test: (value: number) => boolean,
): boolean {
  for (let i = 0; i < count; i++) {
    const value = buckets[i];
    if (value === undefined || !test(value)) return false;
  }
  return true;
}
