import { type LiveMetric, liveQueueUrl } from "../model/metric-spec.ts";
import type { Observation, QueueDepth } from "../model/observation.ts";
import { ceilTolerant } from "./rounding.ts";

/** One live reading of an SQS-backed metric at `now`. */
export interface LiveSample {
  /** The metric value, per running task (∞ when work waits and nothing runs). */
  value: number;
  /** Messages waiting or in progress: what wakes a service from zero. */
  messages: number;
  /** The capacity that brings the metric to `target`, and how it was worked out. */
  proposal(target: number): { capacity: number; formula: string };
}

export function sampleLiveMetric(
  metric: LiveMetric,
  observation: Observation,
): LiveSample | { missing: string } {
  const url = liveQueueUrl(metric);
  const depth = observation.queues[url];
  if (!depth) return { missing: `queue ${url} was not observed` };
  return "sqs" in metric
    ? backlogSample(metric, depth, observation)
    : utilizationSample(metric, depth, observation);
}

/** Backlog per running task [AWS]: (visible [+ in flight] [+ delayed]) / running. */
function backlogSample(
  metric: Extract<LiveMetric, { sqs: unknown }>,
  depth: QueueDepth,
  obs: Observation,
): LiveSample {
  const { countInFlight, countDelayed } = metric.sqs;
  const backlog = depth.visible + (countInFlight ? depth.inFlight : 0) + (countDelayed ? depth.delayed : 0);
  return {
    value: perTask(backlog, obs.runningCount),
    messages: depth.visible + depth.inFlight + (countDelayed ? depth.delayed : 0),
    proposal: (target) => ({
      capacity: ceilTolerant(backlog / target),
      formula: `${backlog} messages, ${obs.runningCount} running: ceil(${backlog} / ${target})`,
    }),
  };
}

/** Worker utilization including queued work, in percent of the running slots. */
function utilizationSample(
  metric: Extract<LiveMetric, { sqsUtilization: unknown }>,
  depth: QueueDepth,
  obs: Observation,
): LiveSample {
  const { processingSeconds, drainSeconds, concurrency, countDelayed } = metric.sqsUtilization;
  const waiting = depth.visible + (countDelayed ? depth.delayed : 0);
  // Task-equivalents of work: slots busy now, plus the queue's work spread over the drain window.
  const demand = depth.inFlight / concurrency + (waiting * processingSeconds) / drainSeconds / concurrency;
  return {
    value: perTask(100 * demand, obs.runningCount),
    messages: waiting + depth.inFlight,
    proposal: (target) => ({
      capacity: ceilTolerant((100 * demand) / target),
      formula: `${depth.inFlight} in flight + ${waiting} waiting × ${processingSeconds} s / ${drainSeconds} s = ${round(demand)} tasks of work at ${target} %: ceil(${round((100 * demand) / target)})`,
    }),
  };
}

function perTask(amount: number, running: number): number {
  if (running > 0) return amount / running;
  return amount > 0 ? Number.POSITIVE_INFINITY : 0;
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
