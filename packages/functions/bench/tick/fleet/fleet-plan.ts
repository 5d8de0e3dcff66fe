// The bench's mix, decided by the seed alone so that both processes (the Lambda side's configs, the emulated
// AWS's services) build the same fleet: half SQS workers with one sqsUtilization policy, half web services
// with CPU and memory target tracking, every target with one scheduled action, in clusters of 1,000.
import { parseWith, type TargetConfig, TargetConfigSchema } from "@gantry/core";
import { createPrng, type Prng, streamSeed } from "@gantry/sim";

export interface FleetSpec {
  targets: number;
  seed: number;
  /** Epoch ms the simulation starts at. */
  startMs: number;
  /** How long the load plan runs, in minutes. */
  minutes: number;
}

/** Seconds a message (a request, for web services) keeps one worker slot busy. */
export const PROCESSING_SECONDS = 30;
export const CLUSTER_SIZE = 1_000;
export const MAX_CAPACITY = 25;
/** Share of targets whose load steps to a new level per 15 s pass (at minute boundaries: 4 passes' worth). */
export const LOAD_CHANGES_PER_PASS = 0.05;
const PASSES_PER_MINUTE = 4;
const WORKER_UTILIZATION = 80;
const WEB_CPU = 60;
const WEB_MEMORY = 75;
/** Busy slots a target's load keeps, at most: within maxCapacity at the CPU target. */
const BUSY_RANGE = { min: 0.5, max: (MAX_CAPACITY * WEB_CPU) / 100 };

export const REGION = "us-east-1";
export const ACCOUNT_ID = "000000000000";
export const TABLE_NAME = "gantry-bench-state";

export interface PlannedTarget {
  index: number;
  kind: "worker" | "web";
  cluster: string;
  name: string;
  targetId: string;
  queueUrl: string;
  /** Busy worker slots at the start; the services start with the tasks their policy wants for it. */
  initialBusy: number;
  initialDesired: number;
}

function random(spec: FleetSpec, index: number): Prng {
  return createPrng(streamSeed(spec.seed, index));
}

export function plannedTarget(spec: FleetSpec, index: number): PlannedTarget {
  const kind = index % 2 === 0 ? "worker" : "web";
  const cluster = `bench-${Math.floor(index / CLUSTER_SIZE)}`;
  const name = `${kind}-${String(index).padStart(5, "0")}`;
  const initialBusy = 1 + 7 * (random(spec, index)() as number);
  const utilization = kind === "worker" ? WORKER_UTILIZATION : WEB_CPU;
  return {
    index,
    kind,
    cluster,
    name,
    targetId: `service/${cluster}/${name}`,
    queueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT_ID}/${name}`,
    initialBusy,
    initialDesired: Math.ceil((initialBusy * 100) / utilization),
  };
}

export function targetConfig(planned: PlannedTarget): TargetConfig {
  const worker = planned.kind === "worker";
  const policies = worker
    ? [
        {
          name: "backlog",
          type: "TargetTracking",
          targetValue: WORKER_UTILIZATION,
          metric: {
            sqsUtilization: {
              queueUrl: planned.queueUrl,
              processingSeconds: PROCESSING_SECONDS,
              drainSeconds: 60,
            },
          },
        },
      ]
    : [
        {
          name: "cpu",
          type: "TargetTracking",
          targetValue: WEB_CPU,
          metric: { predefined: "ECSServiceAverageCPUUtilization" },
        },
        {
          name: "memory",
          type: "TargetTracking",
          targetValue: WEB_MEMORY,
          metric: { predefined: "ECSServiceAverageMemoryUtilization" },
        },
      ];
  return parseWith(TargetConfigSchema, {
    target: { id: planned.targetId, minCapacity: worker ? 0 : 1, maxCapacity: MAX_CAPACITY },
    policies,
    // Weekday mornings raise the floor; the bench's window (10:00 UTC on) lies between two firings.
    scheduledActions: [{ name: "weekday-morning", schedule: "cron(0 8 ? * MON-FRI *)", minCapacity: 2 }],
  });
}

/**
 * Messages per minute for `minutes`: each minute a target's load steps up (×1.4 to ×2) or down (÷1.4 to ÷2),
 * a step its policies act on, with the chance that makes LOAD_CHANGES_PER_PASS of the targets change per pass.
 */
export function loadCounts(spec: FleetSpec, planned: PlannedTarget): Float64Array {
  const draw = random(spec, planned.index);
  draw(); // the stream's first draw is the initial load (plannedTarget)
  let busy = planned.initialBusy;
  const counts = new Float64Array(spec.minutes);
  const perMinute = Math.min(1, LOAD_CHANGES_PER_PASS * PASSES_PER_MINUTE);
  for (let minute = 0; minute < spec.minutes; minute++) {
    if (minute > 0 && draw() < perMinute) {
      const step = 1.4 + 0.6 * draw();
      const factor = draw() < 0.5 ? 1 / step : step;
      busy = Math.min(BUSY_RANGE.max, Math.max(BUSY_RANGE.min, busy * factor));
    }
    counts[minute] = (busy * 60) / PROCESSING_SECONDS;
  }
  return counts;
}
