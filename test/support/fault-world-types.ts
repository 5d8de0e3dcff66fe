// The fault world's public records: the calls a scenario may fail, what it injected, and what the world logged.
import type { MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { TargetConfig } from "@gantry/core";
import type { ReconcileSummary } from "@gantry/runtime";
import type { RecordingAlarmPort } from "@gantry/runtime/local-stack";
import type { FaultAction, InstanceShape, ServiceSpec } from "@gantry/sim";
import type { Invocation } from "./fault-context.ts";

/** One call a scenario may fail: an SDK attempt on the wire, or a call of the store, events or group port. */
export interface FaultCall {
  /** `ecs`, `cloudwatch`, `sqs` (wire) or `dynamodb`, `capacity-store`, `events`, `autoscaling` (ports). */
  service: string;
  /** SDK operation (`UpdateService`) or port method (`putState`). */
  operation: string;
  /** The SDK input, or the port call's arguments. */
  input: unknown;
  /** SDK attempt (wire calls); 1 for port calls, whose retries the hook does not see apart. */
  attempt: number;
  invocation: Invocation;
  /** Virtual time of the call. */
  now: number;
}

/** A fault, and which targets it is about (default: those the call names; a shared call names them all). */
export type ScenarioFault = FaultAction & { subjects?: readonly string[] | "all" };

export type FaultHookFn = (call: FaultCall) => ScenarioFault | undefined;

export interface InjectedFault {
  /** e.g. `ecs.UpdateService fail-after ServerException`. */
  label: string;
  at: number;
  invocation: string;
  passStart?: number;
  subjects: readonly string[] | "all";
}

export interface PassRecord {
  invocation: Invocation;
  start: number;
  end: number;
  summary: ReconcileSummary;
}

export interface ConfigWrite {
  targetId: string;
  conditional: boolean;
  status: number;
  /** The config version the answer's ETag names (2xx). */
  version?: number;
  config: TargetConfig;
  sentAt: number;
  answeredAt: number;
  /** Read back at once (below the faults): the store held this version or a later one. */
  visibleAfter: boolean;
}

/** A config the store actually holds from `at` on (its own history, below the faults). */
export interface StoredConfig {
  targetId: string;
  config: TargetConfig;
  at: number;
}

export interface CapacityWorld {
  groupName: string;
  cluster: string;
  /** Services placed on the group's instances (names within `cluster`). */
  services: readonly string[];
  instance: InstanceShape;
  task: InstanceShape;
  initialInstances: number;
  launchSeconds?: number;
  minSize?: number;
  maxSize?: number;
}

export interface FaultWorldOptions {
  services: readonly ServiceSpec[];
  hook?: FaultHookFn;
  /** Simulated time each SDK attempt or port call takes. */
  latencyMs?: number;
  /** Per-query CloudWatch answers other than Complete. */
  metricStatus?: (query: MetricDataQuery) => "Forbidden" | "InternalError" | undefined;
  /** Targets the scenario itself breaks for the whole run (a missing cluster, a forbidden query…). */
  faultyTargets?: readonly string[];
  capacity?: CapacityWorld;
  /** Managed alarms: full passes sync them (CloudWatch, as a recording port). */
  alarms?: RecordingAlarmPort;
  /** Seeds extra yields (0–3) before each call, so concurrent invocations interleave differently per seed. */
  jitterSeed?: number;
}
