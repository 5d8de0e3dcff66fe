import {
  firstLiveQueueOf,
  isLiveMetric,
  type Observation,
  type Policy,
  type SeriesSample,
  type TargetConfig,
} from "@gantry/core";
import { sampleLiveMetric } from "@gantry/core/building-blocks";

/**
 * What a pass saw of one target: ECS's counts, the first policy's metric and the visible messages of its queue.
 * A CloudWatch metric is its newest datapoint, when the pass read it; an SQS-backed one is the core's own live
 * reading of the depths, without a previous sample (backlog per running task; for sqsUtilization its steady
 * part, without the growth term, as the charts always drew it).
 */
export function passSample(config: TargetConfig, observation: Observation, at: number): SeriesSample {
  const sample: SeriesSample = {
    at,
    desired: observation.desiredCount,
    running: observation.runningCount,
    pending: observation.pendingCount,
  };
  const metric = metricOf(config.policies[0], observation, at);
  if (metric !== undefined) sample.metric = metric;
  const queue = firstLiveQueueOf(config.policies);
  const depth = queue === undefined ? undefined : observation.queues[queue];
  if (depth) sample.backlog = depth.visible;
  return sample;
}

function metricOf(policy: Policy | undefined, observation: Observation, at: number): number | undefined {
  if (policy === undefined) return undefined;
  if (!isLiveMetric(policy.metric)) return observation.metrics[policy.name]?.at(-1)?.value;
  // Per running task: nothing to divide by when none runs.
  if (observation.runningCount === 0) return undefined;
  const reading = sampleLiveMetric(policy.metric, observation, { previous: undefined, now: at, periodMs: 0 });
  return "missing" in reading ? undefined : reading.value;
}
