// Test support only (not exported): the reconciler over a simulated account. The simulator is imported by
// path because @gantry/runtime does not depend on @gantry/sim.
import {
  type EcsPort,
  type MetricsPort,
  parseWith,
  type QueuePort,
  type TargetConfig,
  type TargetConfigInput,
  TargetConfigSchema,
} from "@gantry/core";
import {
  createReconciler,
  type ReconcileLogger,
  type ReconcileMetrics,
  type ReconcilerDeps,
} from "@gantry/runtime";
import { MemoryStateStore, RecordingAlarmPort, RecordingEventsPort } from "@gantry/runtime/local-stack";
import { createSimPorts, type ServiceSpec, SimAccount, type SimService } from "@gantry/sim";

/** A Monday noon, on a minute boundary. */
export const START = Date.UTC(2026, 0, 5, 12, 0, 0);

export interface SimWorldOptions {
  alarms?: boolean;
  /** Wraps the simulated ports, to inject failures. */
  ecs?: (port: EcsPort) => EcsPort;
  queues?: (port: QueuePort) => QueuePort;
  metrics?: (port: MetricsPort) => MetricsPort;
}

/** A simulated account, its ports, the in-memory store and recording fakes, and log lines collected. */
export function simWorld(specs: readonly ServiceSpec[], options: SimWorldOptions = {}) {
  const account = new SimAccount({ startMs: START, attributeLagSeconds: 0 });
  const services = specs.map((spec) => account.addService(spec));
  const sim = createSimPorts(account);
  const store = new MemoryStateStore(sim.clock);
  const events = new RecordingEventsPort();
  const alarms = new RecordingAlarmPort();
  const updates: [string, number][] = [];
  const baseEcs: EcsPort = {
    describeServices: (ids) => sim.ecs.describeServices(ids),
    setDesiredCount: async (id, count) => {
      updates.push([id, count]);
      await sim.ecs.setDesiredCount(id, count);
    },
  };
  const logs: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const log: ReconcileLogger = {
    info: (message, fields) => logs.push({ level: "info", message, ...(fields && { fields }) }),
    warn: (message, fields) => logs.push({ level: "warn", message, ...(fields && { fields }) }),
    error: (message, fields) => logs.push({ level: "error", message, ...(fields && { fields }) }),
  };
  const metrics: { name: string; value: number; targetId?: string }[] = [];
  const telemetry: ReconcileMetrics = {
    record: (name, value, _unit, targetId) => metrics.push({ name, value, ...(targetId && { targetId }) }),
  };
  let ids = 0;
  const deps: ReconcilerDeps = {
    store,
    ecs: options.ecs ? options.ecs(baseEcs) : baseEcs,
    metrics: options.metrics ? options.metrics(sim.metrics) : sim.metrics,
    queues: options.queues ? options.queues(sim.queue) : sim.queue,
    events,
    ...(options.alarms && { alarms }),
    clock: sim.clock,
    log,
    telemetry,
    randomId: () => `r${ids++}`,
  };
  return {
    account,
    services,
    store,
    events,
    alarms,
    updates,
    logs,
    metrics,
    deps,
    reconciler: createReconciler(deps),
    /** A deadline a minute away. */
    deadline: () => account.now() + 60_000,
    desired: (service: SimService) => service.snapshot().desiredCount,
    metric: (name: string) => metrics.find((m) => m.name === name && m.targetId === undefined)?.value,
  };
}

/** Target tracking on backlog per task (read live), reacting on one sample, no cooldowns. */
export function workerConfig(
  service: SimService,
  target: Partial<TargetConfigInput["target"]> = {},
): TargetConfigInput {
  return {
    target: { id: service.id, minCapacity: 1, maxCapacity: 20, ...target },
    policies: [
      {
        name: "backlog",
        type: "TargetTracking",
        targetValue: 10,
        metric: { sqs: { queueUrl: service.queueUrl } },
        scaleOutCooldown: 0,
        scaleInCooldown: 0,
        evaluation: { scaleOutDatapoints: 1, scaleInDatapoints: 1 },
      },
    ],
  };
}

/** Step scaling on backlog per task (read live): at 10 messages per task or more, add 2 tasks. */
export function stepConfig(service: SimService): TargetConfigInput {
  return {
    target: { id: service.id, minCapacity: 1, maxCapacity: 20 },
    policies: [
      {
        name: "step",
        type: "StepScaling",
        metric: { sqs: { queueUrl: service.queueUrl } },
        alarm: { threshold: 10, comparisonOperator: "GreaterThanOrEqualToThreshold" },
        adjustmentType: "ChangeInCapacity",
        stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 2 }],
        cooldown: 0,
      },
    ],
  };
}

/** Validates a config as users write it, as the store expects it. */
export function configOf(input: TargetConfigInput): TargetConfig {
  return parseWith(TargetConfigSchema, input);
}
