// Thinning a long per-minute series for a chart: weeks of minutes would make an SVG of megabytes, while a
// chart a few hundred pixels wide shows no more than a couple of thousand points anyway.

/** A kept point: its index in the source series and its value. */
export type IndexedPoint = readonly [index: number, value: number];

/**
 * At most `maxPoints` points of `values`: the whole series when short enough, else for each of
 * ⌊maxPoints ÷ 2⌋ equal runs of indices its minimum and its maximum, in index order. Keeping both extremes
 * preserves every peak (a backlog spike, a burst of arrivals) and every trough (a drained queue) that plain
 * sampling or averaging would hide.
 */
export function downsampleMinMax(values: readonly number[], maxPoints: number): IndexedPoint[] {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) {
    throw new RangeError(`maxPoints ${maxPoints} must be an integer ≥ 2`);
  }
  if (values.length <= maxPoints) return values.map((value, index) => [index, value]);
  const runs = Math.floor(maxPoints / 2);
  const points: IndexedPoint[] = [];
  for (let run = 0; run < runs; run++) {
    const start = Math.floor((run * values.length) / runs);
    const end = Math.floor(((run + 1) * values.length) / runs);
    points.push(...extremesOf(values, start, end));
  }
  return points;
}

/** The minimum and maximum of values[start, end), earliest first; one point when they coincide. */
function extremesOf(values: readonly number[], start: number, end: number): IndexedPoint[] {
  let low = start;
  let high = start;
  for (let i = start + 1; i < end; i++) {
    if ((values[i] ?? 0) < (values[low] ?? 0)) low = i;
    if ((values[i] ?? 0) > (values[high] ?? 0)) high = i;
  }
  if (low === high) return [[low, values[low] ?? 0]];
  const [first, second] = low < high ? [low, high] : [high, low];
  return [
    [first, values[first] ?? 0],
    [second, values[second] ?? 0],
  ];
}

/** What thinActions needs of a scaling action. */
export interface ActionLike {
  readonly at: number;
  readonly from: number;
  readonly to: number;
}

/**
 * At most `maxMarkers` actions, in time order: all of them when few enough, else for each of ⌊maxMarkers ÷ 2⌋
 * equal spans of [firstAt, lastAt] its largest scale-out and its largest scale-in, so bursts of small steps
 * (KEDA every 15 s) still show where and in which direction the scaler moved.
 */
export function thinActions<A extends ActionLike>(actions: readonly A[], maxMarkers: number): A[] {
  if (actions.length <= maxMarkers) return [...actions];
  const spans = Math.max(1, Math.floor(maxMarkers / 2));
  const firstAt = actions[0]?.at ?? 0;
  const width = ((actions[actions.length - 1]?.at ?? 0) - firstAt) / spans || 1;
  const kept = new Map<string, A>();
  for (const action of actions) {
    const span = Math.min(spans - 1, Math.floor((action.at - firstAt) / width));
    const key = `${span}:${action.to > action.from ? "out" : "in"}`;
    const held = kept.get(key);
    if (held === undefined || Math.abs(action.to - action.from) > Math.abs(held.to - held.from)) {
      kept.set(key, action);
    }
  }
  return [...kept.values()].sort((a, b) => a.at - b.at);
}
