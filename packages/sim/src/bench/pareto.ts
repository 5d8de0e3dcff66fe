// Pareto frontiers of (within-SLO %, workRatio) points: more messages in time is better, a lower workRatio is
// cheaper. A frontier dominates another when each of the other's points is matched by one of its own at least
// as good on both axes.

export interface TradeOff {
  readonly withinSloPct: number;
  /** null (nothing processed) counts as infinitely expensive. */
  readonly workRatio: number | null;
}

const cost = (p: TradeOff) => p.workRatio ?? Number.POSITIVE_INFINITY;

/** `a` is at least as good as `b` on both axes. */
export function covers(a: TradeOff, b: TradeOff): boolean {
  return a.withinSloPct >= b.withinSloPct && cost(a) <= cost(b);
}

/** The points no other point beats, cheapest first (within SLO rising along it). */
export function paretoFrontier<P extends TradeOff>(points: readonly P[]): P[] {
  const sorted = [...points].sort((a, b) => cost(a) - cost(b) || b.withinSloPct - a.withinSloPct);
  const frontier: P[] = [];
  for (const point of sorted) {
    const last = frontier.at(-1);
    if (last === undefined || point.withinSloPct > last.withinSloPct) frontier.push(point);
  }
  return frontier;
}

/** Every point of `other` is covered by some point of `subject`. */
export function frontierDominates(subject: readonly TradeOff[], other: readonly TradeOff[]): boolean {
  return other.every((b) => subject.some((a) => covers(a, b)));
}
