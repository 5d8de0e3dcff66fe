import type { SqsMetric } from "../model/metric-spec.ts";
import type { Observation } from "../model/observation.ts";

/** Messages that count as backlog for an sqs metric, or undefined when the queue was not observed. */
export function queueBacklog(metric: SqsMetric, queues: Observation["queues"]): number | undefined {
  const depth = queues[metric.sqs.queueUrl];
  if (!depth) return undefined;
  return (
    depth.visible +
    (metric.sqs.countInFlight ? depth.inFlight : 0) +
    (metric.sqs.countDelayed ? depth.delayed : 0)
  );
}

/** Backlog per running task; with no running task any backlog is unbounded per task. */
export function backlogPerTask(backlog: number, runningCount: number): number {
  if (runningCount > 0) return backlog / runningCount;
  return backlog > 0 ? Number.POSITIVE_INFINITY : 0;
}
