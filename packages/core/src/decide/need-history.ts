import { NEED_BUCKET_MS, NEED_BUCKETS, type NeedHistory } from "../model/need-history.ts";

/**
 * Adds this decision's need to the history. Buckets no decision saw (a missed tick) repeat the last level known;
 * a gap longer than the whole history starts it afresh.
 */
export function recordNeed(previous: NeedHistory | undefined, now: number, need: number): NeedHistory {
  const at = Math.floor(now / NEED_BUCKET_MS) * NEED_BUCKET_MS;
  if (!previous || previous.levels.length === 0 || at < previous.at) return { at, levels: [need] };
  const skipped = (at - previous.at) / NEED_BUCKET_MS;
  if (skipped === 0) {
    const levels = previous.levels.slice();
    levels[levels.length - 1] = Math.max(levels.at(-1) ?? 0, need);
    return { at, levels };
  }
  if (skipped > NEED_BUCKETS) return { at, levels: [need] };
  const last = previous.levels.at(-1) ?? 0;
  const levels = previous.levels.concat(Array<number>(skipped - 1).fill(last), need);
  return { at, levels: levels.slice(-NEED_BUCKETS) };
}
