// Gantry and the baseline scalers by name, with options that default from a latency SLO where the baseline has a target.
//
// Derivations (DESIGN §3, "SQS workers"):
// - aws-target-tracking: targetBacklogPerTask = SLO latency ÷ average processing time, the "acceptable backlog
//   per instance" AWS's SQS guide recommends: a task works through that many waiting messages within the SLO.
// - keda: queueLength = ⌊SLO latency ÷ processing time⌋, at least 1. KEDA counts in-flight messages too, so
//   this many messages per replica, the one in hand included, drain within the SLO; ⌊⌋ because KEDA's
//   queueLength is an integer, and rounding down keeps the latency inside the SLO. Without an SLO: KEDA's 5.
// - aws-step: the CDK's fixed steps (≥ 100 → +1, ≥ 500 → +5, ≤ 0 → −1) and its CPU 50 % target tracking take
//   no latency target, so no SLO applies.
import { ValidationError } from "@gantry/core";
import { type AwsStepOptions, createAwsStep } from "./aws-step.ts";
import { type AwsTargetTrackingOptions, createAwsTargetTracking } from "./aws-target-tracking.ts";
import { checkPositive } from "./capacity-bounds.ts";
import { createGantryScaler, type GantryScalerOptions } from "./gantry.ts";
import { createKeda, type KedaOptions } from "./keda.ts";
import type { Scaler, ScalerBounds } from "./scaler.ts";

export {
  type AwsStepOptions,
  CDK_CPU_TARGET_PERCENT,
  CDK_QUEUE_PROCESSING_ALARMS,
  createAwsStep,
  queueAlarmsAt,
} from "./aws-step.ts";
export { type AwsTargetTrackingOptions, createAwsTargetTracking } from "./aws-target-tracking.ts";
export { fluidBoundTaskSeconds, fluidTasksPerMinute, workPerMinute } from "./fluid-bound.ts";
export {
  createGantryScaler,
  DEFAULT_TUNING,
  defaultWorkerConfig,
  type GantryScalerOptions,
  SIM_QUEUE_URL,
  SIM_TARGET_ID,
  subTickIntervalSeconds,
  type WorkerTuning,
} from "./gantry.ts";
export { createKeda, HPA_DEFAULT_BEHAVIOR, type KedaOptions } from "./keda.ts";
export type { Scaler, ScalerBounds, ScalerMetricName, ScalerView, SimMetricName } from "./scaler.ts";

/** The service level a run aims for, from which targets default. */
export interface Slo {
  /** Acceptable time a message may wait before processing starts, in seconds. */
  readonly latencySeconds: number;
  /** Average processing time of one message, in seconds. */
  readonly processingTimeSeconds: number;
}

interface CommonOptions {
  readonly bounds: ScalerBounds;
  readonly slo?: Slo;
}

export type AwsTargetTrackingScalerOptions = CommonOptions &
  Partial<Omit<AwsTargetTrackingOptions, "bounds">>;
export type AwsStepScalerOptions = CommonOptions & Omit<AwsStepOptions, "bounds">;
export type KedaScalerOptions = CommonOptions & Omit<KedaOptions, "bounds">;

export interface ScalerOptionsByName {
  gantry: GantryScalerOptions;
  "aws-target-tracking": AwsTargetTrackingScalerOptions;
  "aws-step": AwsStepScalerOptions;
  keda: KedaScalerOptions;
}

export type ScalerName = keyof ScalerOptionsByName;

const FACTORIES: { readonly [N in ScalerName]: (options: ScalerOptionsByName[N]) => Scaler } = {
  gantry: createGantryScaler,
  "aws-target-tracking": createTargetTrackingFromOptions,
  "aws-step": ({ slo: _slo, ...options }) => createAwsStep(options),
  keda: createKedaFromOptions,
};

export const SCALER_NAMES = Object.keys(FACTORIES) as readonly ScalerName[];

export function isScalerName(name: string): name is ScalerName {
  return Object.hasOwn(FACTORIES, name);
}

/** A fresh scaler (they keep state) of the named baseline. */
export function createScaler<N extends ScalerName>(name: N, options: ScalerOptionsByName[N]): Scaler {
  if (!isScalerName(name)) {
    throw new ValidationError(`unknown scaler ${String(name)}; one of ${SCALER_NAMES.join(", ")}`, "scaler");
  }
  const factory = FACTORIES[name] as (options: ScalerOptionsByName[N]) => Scaler;
  return factory(options);
}

/** AWS's recommended target: acceptable latency ÷ average processing time. */
export function backlogTargetFromSlo(slo: Slo): number {
  checkSlo(slo);
  return slo.latencySeconds / slo.processingTimeSeconds;
}

/** KEDA's integer queueLength for the SLO: ⌊latency ÷ processing time⌋, at least 1. */
export function kedaQueueLengthFromSlo(slo: Slo): number {
  return Math.max(1, Math.floor(backlogTargetFromSlo(slo) + 1e-9));
}

function checkSlo(slo: Slo): void {
  checkPositive(slo.latencySeconds, "slo.latencySeconds");
  checkPositive(slo.processingTimeSeconds, "slo.processingTimeSeconds");
}

function createTargetTrackingFromOptions(options: AwsTargetTrackingScalerOptions): Scaler {
  const { slo, ...rest } = options;
  const target = rest.targetBacklogPerTask ?? (slo === undefined ? undefined : backlogTargetFromSlo(slo));
  if (target === undefined) {
    throw new ValidationError(
      "aws-target-tracking needs targetBacklogPerTask or an slo to derive it from",
      "targetBacklogPerTask",
    );
  }
  return createAwsTargetTracking({ ...rest, targetBacklogPerTask: target });
}

function createKedaFromOptions(options: KedaScalerOptions): Scaler {
  const { slo, ...rest } = options;
  const queueLength = rest.queueLength ?? (slo === undefined ? undefined : kedaQueueLengthFromSlo(slo));
  return createKeda(queueLength === undefined ? rest : { ...rest, queueLength });
}
