import { type LiveMetric, liveQueueUrl } from "../model/metric-spec.ts";
import type { Observation, QueueDepth } from "../model/observation.ts";
import type { LiveRun } from "../model/state.ts";
import { estimateBacklogGrowth } from "./backlog-growth.ts";
import { isContinuous, type LiveMemory } from "./live-runs.ts";
import { ceilTolerant } from "./rounding.ts";

/** One live reading of an SQS-backed metric at `now`. */
export interface LiveSample {
  /** The metric value, per running task (∞ when work waits and nothing runs). */
  value: number;
  /** Messages waiting or in progress: what wakes a service from zero. */
  messages: number;
  /** Tasks working a message now (sqsUtilization): none of them is idle. */
  busyTasks?: number;
  /** The capacity that brings the metric to `target`, and how it was worked out. */
  proposal(target: number): { capacity: number; formula: string };
  /** What to remember for the next sample. */
  memory?: LiveMemory;
}

/** Where the previous sample of this policy's metric stands, for metrics that difference samples. */
export interface LiveHistory {
  previous: LiveRun | undefined;
  now: number;
  periodMs: number;
}

export function sampleLiveMetric(
  metric: LiveMetric,
  observation: Observation,
  history: LiveHistory,
): LiveSample | { missing: string } {
  const url = liveQueueUrl(metric);
  const depth = observation.queues[url];
  if (!depth) return { missing: `queue ${url} was not observed` };
  if ("sqs" in metric) return backlogSample(metric, depth, observation);
  return utilizationSample(metric, depth, observation, history);
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

/**
 * Worker utilization including queued work, in percent of the running slots. The work is the slots busy now,
 * plus those it takes to stop a growing backlog (growth × processing time), plus the visible backlog's work
 * spread over the drain window.
 */
function utilizationSample(
  metric: Extract<LiveMetric, { sqsUtilization: unknown }>,
  depth: QueueDepth,
  obs: Observation,
  history: LiveHistory,
): LiveSample {
  const { processingSeconds, drainSeconds, concurrency, countDelayed } = metric.sqsUtilization;
  const waiting = depth.visible + (countDelayed ? depth.delayed : 0);
  const previous = isContinuous(history.previous, history.now, history.periodMs)
    ? history.previous
    : undefined;
  const rate = estimateBacklogGrowth(previous, waiting, history.now);
  const throughput = (depth.inFlight + Math.max(0, rate ?? 0) * processingSeconds) / concurrency;
  const drain = (waiting * processingSeconds) / drainSeconds / concurrency;
  const demand = throughput + drain;
  const memory: LiveMemory = { depth: [waiting, depth.inFlight], ...(rate !== undefined && { rate }) };
  return {
    value: perTask(100 * demand, obs.runningCount),
    messages: waiting + depth.inFlight,
    busyTasks: Math.min(obs.runningCount, ceilTolerant(depth.inFlight / concurrency)),
    memory,
    proposal: (target) => ({
      capacity: ceilTolerant((100 * demand) / target),
      formula: `throughput ${round(throughput)} tasks (${depth.inFlight} in flight${rate === undefined || rate <= 0 ? "" : `, backlog growing ${round(rate)} msg/s`}) + ${waiting} waiting × ${round(processingSeconds)} s / ${round(drainSeconds)} s = ${round(demand)} tasks of work at ${target} %: ceil(${round((100 * demand) / target)})`,
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
