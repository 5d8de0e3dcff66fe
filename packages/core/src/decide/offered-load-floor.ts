import type { Reason } from "../model/decision.ts";
import { isLiveMetric, liveQueueUrl } from "../model/metric-spec.ts";
import { LOAD_SAMPLE_MS, MAX_LOAD_SAMPLES, type OfferedLoad } from "../model/offered-load.ts";
import type { Policy } from "../model/policy.ts";
import type { LoadFloor } from "../model/startup-behavior.ts";
import type { DecisionContext } from "./context.ts";
import { ceilTolerant } from "./rounding.ts";

/** Samples a window needs before its average counts: a minute at 15-second sub-ticks. */
const MIN_SAMPLES = 4;

export interface LoadFloorResult {
  value: number;
  reason?: Reason;
  /** The memory to keep: the previous one when the queues were not all observed. */
  load?: OfferedLoad;
}

/**
 * The offered-load floor. Between two reads of the policies' sqsUtilization queues, the work that arrived is
 * the change in work queued or in flight plus the work finished (every message in flight finishes at one per
 * processing time): offered load = Δwork / Δt + tasks busy on average. The floor is the highest, over the last
 * `holdSeconds`, of the load's mean (+ `sigmas` standard deviations) over the `windowSeconds` before each
 * sample. It only raises the value, and not above the current desired count while dynamic scale-out is
 * suspended. Reads no metric the policies do not read already.
 */
export function applyLoadFloor(
  value: number,
  policies: readonly Policy[],
  ctx: DecisionContext,
  floor: LoadFloor,
): LoadFloorResult {
  const queues = queuedWork(policies, ctx);
  const previous = ctx.previous?.load;
  if (!queues) return previous ? { value, load: previous } : { value };
  const load = recordLoad(previous, ctx.now, queues, floor);
  const level = floorLevel(load.samples, ctx.now, floor);
  if (level === undefined) return { value, load };
  const suspended = ctx.target.suspendedState.dynamicScalingOutSuspended;
  const capacity = ceilTolerant(
    suspended ? Math.min(level.tasks, ctx.observation.desiredCount) : level.tasks,
  );
  if (capacity <= value) return { value, load };
  return { value: capacity, load, reason: held(capacity, value, level, floor, ctx.now) };
}

interface QueuedWork {
  /** Task-seconds of work queued or in flight: messages × processing seconds ÷ concurrency. */
  work: number;
  /** Tasks' worth of messages in flight. */
  busy: number;
}

/** The work on the policies' sqsUtilization queues; undefined without one, or if one was not observed. */
function queuedWork(policies: readonly Policy[], ctx: DecisionContext): QueuedWork | undefined {
  let work = 0;
  let busy = 0;
  let any = false;
  for (const { metric } of policies) {
    if (!isLiveMetric(metric) || !("sqsUtilization" in metric)) continue;
    const depth = ctx.observation.queues[liveQueueUrl(metric)];
    if (!depth) return undefined;
    const { processingSeconds, concurrency, countDelayed } = metric.sqsUtilization;
    const waiting = depth.visible + (countDelayed ? depth.delayed : 0);
    work += ((waiting + depth.inFlight) * processingSeconds) / concurrency;
    busy += depth.inFlight / concurrency;
    any = true;
  }
  return any ? { work, busy } : undefined;
}

/**
 * Adds the load since the last sample, once a sample interval has passed; a gap longer than the window starts
 * afresh (the load across it is unknown). Samples older than the window and hold together are dropped.
 */
function recordLoad(previous: OfferedLoad | undefined, now: number, queues: QueuedWork, floor: LoadFloor) {
  const fresh: OfferedLoad = { at: now, ...queues, samples: [] };
  if (!previous || now < previous.at || now - previous.at > floor.windowSeconds * 1000) return fresh;
  if (now - previous.at < LOAD_SAMPLE_MS) return previous;
  const seconds = (now - previous.at) / 1000;
  const tasks = Math.max(0, (queues.work - previous.work) / seconds + (previous.busy + queues.busy) / 2);
  const oldest = now - (floor.windowSeconds + floor.holdSeconds) * 1000;
  const kept = previous.samples.filter(([at]) => at > oldest);
  const samples = [...kept, [now, round(tasks)] as [number, number]].slice(-MAX_LOAD_SAMPLES);
  return { ...fresh, samples };
}

interface FloorLevel {
  tasks: number;
  mean: number;
  at: number;
}

/**
 * The highest windowed load level measured within the hold, the newest of equals; undefined while no window has
 * enough samples. One pass with a sliding window (samples are oldest first).
 */
function floorLevel(samples: OfferedLoad["samples"], now: number, floor: LoadFloor): FloorLevel | undefined {
  const windowMs = floor.windowSeconds * 1000;
  let best: FloorLevel | undefined;
  let first = 0;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < samples.length; i++) {
    const [at, load] = samples[i] as [number, number];
    sum += load;
    squares += load * load;
    for (; (samples[first]?.[0] ?? at) <= at - windowMs; first++) {
      const [, gone] = samples[first] as [number, number];
      sum -= gone;
      squares -= gone * gone;
    }
    const n = i - first + 1;
    if (at < now - floor.holdSeconds * 1000 || n < MIN_SAMPLES) continue;
    const mean = sum / n;
    const tasks = mean + floor.sigmas * Math.sqrt(Math.max(0, (squares - n * mean * mean) / (n - 1)));
    if (!best || tasks >= best.tasks) best = { tasks, mean, at };
  }
  return best;
}

function held(capacity: number, value: number, level: FloorLevel, floor: LoadFloor, now: number): Reason {
  const spread = floor.sigmas > 0 ? ` + ${floor.sigmas} standard deviations` : "";
  return {
    code: "OfferedLoadFloor",
    message: `offered load over ${floor.windowSeconds} s, measured ${Math.round((now - level.at) / 1000)} s ago: ${round(level.mean)} tasks on average${spread}, held ${floor.holdSeconds} s: at least ${capacity} tasks, above the ${value} asked`,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
