// The knobs of a simulated service and its queue, their defaults, and their validation.
import { formatServiceId, parseServiceId, ValidationError } from "@gantry/core";
import type { Trace } from "../traces/trace.ts";

/** Account-wide defaults that a service may override. */
export interface ServiceDefaults {
  /** From placement to RUNNING; default 45. */
  readonly taskStartupSeconds?: number;
  /** Messages a task processes at once; default 1. */
  readonly concurrency?: number;
  /** Default 300 (the SQS default is 30; workers usually raise it). */
  readonly visibilityTimeoutSeconds?: number;
  /** The queue's DelaySeconds; default 0. */
  readonly deliveryDelaySeconds?: number;
  /** Redrive policy; default none (Infinity): a message returns until processed. */
  readonly maxReceiveCount?: number;
  /** Lateness of a minute's datapoint after the minute ends; default 120. */
  readonly cloudwatchDelaySeconds?: number;
  /** SQS datapoints are held this long after a queue wakes; default 900 (see cloudwatch-store.ts). */
  readonly wakeDelaySeconds?: number;
  /** Inactivity after which a send wakes the queue; default 900. */
  readonly wakeIdleSeconds?: number;
  /** Age of the counts GetQueueAttributes reports; default 5 (see queue-attributes.ts). */
  readonly attributeLagSeconds?: number;
  /** Relative error of reported counts, uniform in ±noise; default 0. */
  readonly attributeNoise?: number;
  /**
   * ECS task scale-in protection on busy tasks; default true: a scale-in lets a busy task finish the messages
   * in hand (draining). False: scale-in stops busy tasks mid-message, and their messages return to the queue
   * when the visibility timeout expires.
   */
  readonly scaleInProtection?: boolean;
  /**
   * Shortest billed lifetime of a task, seconds; default 0 (task-seconds as held). Fargate bills by the second
   * with a one-minute minimum per task: 60.
   */
  readonly minimumBilledSeconds?: number;
}

export interface ServiceSpec extends ServiceDefaults {
  /** ECS service name; the id is `service/<cluster>/<name>`. */
  readonly name: string;
  /** Default `sim`. */
  readonly cluster?: string;
  /** Default: the service name. */
  readonly queueName?: string;
  /** Arrivals, replayed from the moment the service is added. None: messages come only from `send`. */
  readonly trace?: Trace;
  /**
   * Processing time of a message the trace has no duration for; default the trace's suggestion, else 1.
   * Per-request durations in the trace win.
   */
  readonly processingTimeSeconds?: number;
  /** Tasks RUNNING when the service is added (a fleet that is already up); default 0. */
  readonly initialDesired?: number;
}

export interface ServiceSettings extends Required<ServiceDefaults> {
  readonly id: string;
  readonly queueName: string;
  readonly queueUrl: string;
  readonly trace: Trace | undefined;
  readonly processingTimeSeconds: number;
  readonly initialDesired: number;
}

const DEFAULTS: Required<ServiceDefaults> = {
  taskStartupSeconds: 45,
  concurrency: 1,
  visibilityTimeoutSeconds: 300,
  deliveryDelaySeconds: 0,
  maxReceiveCount: Number.POSITIVE_INFINITY,
  cloudwatchDelaySeconds: 120,
  wakeDelaySeconds: 900,
  wakeIdleSeconds: 900,
  attributeLagSeconds: 5,
  attributeNoise: 0,
  scaleInProtection: true,
  minimumBilledSeconds: 0,
};

/** Throws a ValidationError naming `field` unless `value` is a finite number (or integer) ≥ min. */
export function checkNumber(value: number, field: string, min: number, integer = false): void {
  const finite = integer ? Number.isInteger(value) : Number.isFinite(value);
  if (typeof value === "number" && finite && value >= min) return;
  const kind = integer ? "an integer" : "a number";
  throw new ValidationError(`${field} must be ${kind} ≥ ${min}, not ${value}`, field);
}

const NON_NEGATIVE = [
  "taskStartupSeconds",
  "deliveryDelaySeconds",
  "cloudwatchDelaySeconds",
  "wakeDelaySeconds",
  "wakeIdleSeconds",
  "attributeLagSeconds",
  "attributeNoise",
  "processingTimeSeconds",
  "minimumBilledSeconds",
] as const;

/** Merges spec over account defaults over the built-in ones, and checks every value. */
export function resolveServiceSettings(
  spec: ServiceSpec,
  defaults: ServiceDefaults,
  place: { region: string; accountId: string },
): ServiceSettings {
  const merged = { ...DEFAULTS, ...pickDefaults(defaults), ...pickDefaults(spec) };
  const queueName = spec.queueName ?? spec.name;
  const id = formatServiceId({ cluster: spec.cluster ?? "sim", service: spec.name });
  parseServiceId(id, "name"); // as ECS: no empty name or cluster, no "/" in either
  const settings: ServiceSettings = {
    ...merged,
    id,
    queueName,
    queueUrl: `https://sqs.${place.region}.amazonaws.com/${place.accountId}/${queueName}`,
    trace: spec.trace,
    processingTimeSeconds: spec.processingTimeSeconds ?? spec.trace?.processingTimeSeconds ?? 1,
    initialDesired: spec.initialDesired ?? 0,
  };
  for (const field of NON_NEGATIVE) checkNumber(settings[field], field, 0);
  // SQS allows 0, but then no processing can ever finish: the simulation would spin at one instant.
  checkNumber(settings.visibilityTimeoutSeconds, "visibilityTimeoutSeconds", 1);
  checkNumber(settings.concurrency, "concurrency", 1, true);
  checkNumber(settings.initialDesired, "initialDesired", 0, true);
  if (settings.maxReceiveCount !== Number.POSITIVE_INFINITY) {
    checkNumber(settings.maxReceiveCount, "maxReceiveCount", 1, true);
  }
  return settings;
}

/** The ServiceDefaults fields of `value` that are set (callers may pass wider option objects). */
function pickDefaults(value: ServiceDefaults): ServiceDefaults {
  const keys = Object.keys(DEFAULTS) as (keyof ServiceDefaults)[];
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]]));
}
