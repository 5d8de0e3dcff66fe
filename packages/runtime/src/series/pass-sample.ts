import {
  firstLiveQueueOf,
  liveQueueOf,
  type Observation,
  type Policy,
  type SeriesSample,
  type TargetConfig,
} from "@gantry/core";

/**
 * What a pass saw of one target: ECS's counts, the first policy's metric and the visible messages of its queue.
 * A CloudWatch metric is its newest datapoint, when the pass read it; an SQS-backed one is computed from the
 * depths as the charts always drew it (backlog per running task; for sqsUtilization its steady part, without
 * the growth term, which needs the previous sample).
 */
export function passSample(config: TargetConfig, observation: Observation, at: number): SeriesSample {
  const sample: SeriesSample = {
    at,
    desired: observation.desiredCount,
    running: observation.runningCount,
    pending: observation.pendingCount,
  };
  const metric = metricOf(config.policies[0], observation);
  if (metric !== undefined) sample.metric = metric;
  const queue = firstLiveQueueOf(config.policies);
  const depth = queue === undefined ? undefined : observation.queues[queue];
  if (depth) sample.backlog = depth.visible;
  return sample;
}

function metricOf(policy: Policy | undefined, observation: Observation): number | undefined {
  if (policy === undefined) return undefined;
  const url = liveQueueOf(policy.metric);
  if (url === undefined) return observation.metrics[policy.name]?.at(-1)?.value;
  const depth = observation.queues[url];
  const running = observation.runningCount;
  if (!depth || running === 0) return undefined;
  const metric = policy.metric;
  if ("sqs" in metric) {
    const { countInFlight, countDelayed } = metric.sqs;
    const backlog = depth.visible + (countInFlight ? depth.inFlight : 0) + (countDelayed ? depth.delayed : 0);
    return backlog / running;
  }
  if (!("sqsUtilization" in metric)) return undefined;
  const { processingSeconds, drainSeconds, concurrency, countDelayed } = metric.sqsUtilization;
  const waiting = depth.visible + (countDelayed ? depth.delayed : 0);
  const demand = (depth.inFlight + (waiting * processingSeconds) / drainSeconds) / concurrency;
  return (100 * demand) / running;
}
