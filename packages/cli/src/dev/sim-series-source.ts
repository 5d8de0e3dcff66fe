// Chart series from the simulated account's per-minute records: exact desired, running and backlog per minute,
// and the first policy's metric (ECS CPU average, or the sqsUtilization steady part) against its target. Each
// minute's record is the state at its end, so its point is stamped there: a change never shows before it happened.
import { NotFoundError, type Policy, type StateStore } from "@gantry/core";
import type { SeriesPoint, SeriesSource } from "@gantry/functions/api";
import type { SimAccount, SimService } from "@gantry/sim";

function targetValueOf(policy: Policy | undefined): number | null {
  if (policy === undefined) return null;
  return policy.type === "TargetTracking" ? policy.targetValue : policy.alarm.threshold;
}

type MetricOf = (minute: number, i: number) => number | null;

/** How to compute the policy's metric for minute i of the service's series. */
function metricOf(service: SimService, policy: Policy | undefined): MetricOf {
  const metric = policy?.metric;
  const series = service.series.toSeries();
  if (
    metric !== undefined &&
    "predefined" in metric &&
    metric.predefined === "ECSServiceAverageCPUUtilization"
  ) {
    const cpu = service.cpu.minuteAverages();
    return (minute) => cpu.get(minute) ?? null;
  }
  if (metric !== undefined && "sqsUtilization" in metric) {
    const { processingSeconds, drainSeconds, concurrency } = metric.sqsUtilization;
    return (_minute, i) => {
      const running = series.running[i] ?? 0;
      if (running === 0) return null;
      const demand =
        ((series.inFlight[i] ?? 0) + ((series.backlog[i] ?? 0) * processingSeconds) / drainSeconds) /
        concurrency;
      return (100 * demand) / running;
    };
  }
  return () => null;
}

export function createSimSeriesSource(account: SimAccount, store: StateStore): SeriesSource {
  return async (targetId, range) => {
    const record = await store.getTarget(targetId);
    if (!record) throw new NotFoundError(`target ${targetId} does not exist`);
    const service = account.findService(targetId);
    if (!service) throw new NotFoundError(`the simulated account has no ECS service ${targetId}`);
    const policy = record.config.policies[0];
    const target = targetValueOf(policy);
    const series = service.series.toSeries();
    const metric = metricOf(service, policy);
    const periodMs = range.periodSeconds * 1000;
    const points: SeriesPoint[] = [];
    for (let i = 0; i < series.desired.length; i++) {
      const minute = series.startMs + i * 60_000;
      const at = minute + 60_000;
      if (at < range.from || at > range.to || at % periodMs !== 0) continue;
      points.push({
        at,
        desired: series.desired[i] ?? null,
        running: series.running[i] ?? null,
        metric: metric(minute, i),
        target,
        backlog: series.backlog[i] ?? null,
      });
    }
    return points;
  };
}
