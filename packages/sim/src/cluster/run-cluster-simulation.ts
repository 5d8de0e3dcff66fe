// A backtest of the cluster stage: SQS worker services on one EC2 cluster, each steered by its own service
// scaler, and a capacity scaler (Gantry's planCapacity or the ecs-cas baseline) sizing the instances. The loop
// steps the account one second at a time, so that capacity waits are measured to the second.
import { type CapacityConfigInput, CapacityConfigSchema, formatServiceId, parseWith } from "@gantry/core";
import { SimAccount } from "../account/sim-account.ts";
import type { SimService } from "../account/sim-service.ts";
import {
  type ScalingActionRecord,
  type SimulationResult,
  summarizeRun,
} from "../engine/simulation-result.ts";
import type { Scaler, ScalerBounds } from "../scalers/scaler.ts";
import { type Trace, traceSeconds } from "../traces/trace.ts";
import type { CapacityScaler } from "./capacity-scaler.ts";
import { CapacityWaitMeter } from "./capacity-wait.ts";
import { Ec2Cluster } from "./ec2-cluster.ts";
import { createEcsCas } from "./ecs-cas.ts";
import { createGantryCapacity } from "./gantry-capacity.ts";
import { capacityView, type ServiceStep, stepService } from "./service-step.ts";
import type { InstanceShape } from "./sim-instance.ts";

export type CapacityScalerName = "gantry" | "ecs-cas";

export interface ClusterServiceSpec {
  readonly name: string;
  readonly trace: Trace;
  readonly task: InstanceShape;
  readonly bounds: ScalerBounds;
  readonly scaler: Scaler;
  readonly processingTimeSeconds?: number;
  /** Tasks RUNNING at the start (placed on the initial instances); default 0. */
  readonly initialDesired?: number;
}

export interface ClusterSimulationOptions {
  readonly services: readonly ClusterServiceSpec[];
  readonly capacity: CapacityScalerName;
  /** The capacity provider or group; `mode` and `name` default to a capacity provider `sim`. */
  readonly capacityConfig: Partial<CapacityConfigInput> & { maxInstances: number };
  readonly instanceShape: InstanceShape;
  readonly launchSeconds?: number;
  /** ecs-cas only: how late its alarms see each CapacityProviderReservation datapoint; default 60. */
  readonly ecsCasMetricDelaySeconds?: number;
  readonly initialInstances?: number;
  readonly seed?: number;
  readonly sloSeconds?: number;
  readonly tailSeconds?: number;
  readonly visibilityTimeoutSeconds?: number;
  /** Called after every simulated second: invariant checks in tests, traces when debugging. */
  readonly onSecond?: (now: number, cluster: Ec2Cluster, services: readonly SimService[]) => void;
}

export interface ClusterSimulationResult {
  readonly capacity: string;
  readonly services: readonly SimulationResult[];
  /** Task-seconds tasks waited for an instance with room (beyond their normal start-up). */
  readonly capacityWaitTaskSeconds: number;
  /** Launching and running instances, integrated over the run. */
  readonly instanceSeconds: number;
  /** The longest one task waited for capacity. */
  readonly pendingTaskMaxS: number;
  /** Most usable instances at once. */
  readonly peakInstances: number;
  /** Tasks placed on an instance not in service or draining: an invariant, always 0. */
  readonly misplacedTasks: number;
}

const SERVICE_ID = (name: string) => formatServiceId({ cluster: "sim", service: name });

export function runClusterSimulation(options: ClusterSimulationOptions): ClusterSimulationResult {
  const { seed = 0, sloSeconds = 60, tailSeconds = 0 } = options;
  const config = parseWith(CapacityConfigSchema, {
    mode: "capacityProvider",
    name: "sim",
    ...options.capacityConfig,
  });
  const startMs = 0;
  const cluster = new Ec2Cluster({
    instanceShape: options.instanceShape,
    taskSizes: Object.fromEntries(options.services.map((s) => [SERVICE_ID(s.name), s.task])),
    startMs,
    ...(options.launchSeconds !== undefined && { launchSeconds: options.launchSeconds }),
    ...(options.initialInstances !== undefined && { initialInstances: options.initialInstances }),
  });
  const account = new SimAccount({
    startMs,
    seed,
    placement: cluster,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 900,
  });
  const steps: ServiceStep[] = options.services.map((spec) => ({
    spec,
    service: account.addService({
      name: spec.name,
      trace: spec.trace,
      initialDesired: spec.initialDesired ?? 0,
      ...(spec.processingTimeSeconds !== undefined && { processingTimeSeconds: spec.processingTimeSeconds }),
    }),
    actions: [] as ScalingActionRecord[],
  }));
  // The services' pass; gantry's capacity stage runs in it, as the tick does.
  const passSeconds = steps[0]?.spec.scaler.intervalSeconds ?? 15;
  const capacity: CapacityScaler =
    options.capacity === "gantry"
      ? createGantryCapacity(config, passSeconds)
      : createEcsCas(config, {
          ...(options.ecsCasMetricDelaySeconds !== undefined && {
            metricDelaySeconds: options.ecsCasMetricDelaySeconds,
          }),
        });
  const meter = new CapacityWaitMeter(startMs);
  const seconds = Math.max(...options.services.map((s) => traceSeconds(s.trace))) + tailSeconds;
  const endMs = startMs + seconds * 1000;
  const services = steps.map((s) => s.service);
  let peak = cluster.usableCount();
  let rose = new Set<string>();
  for (let t = startMs; t < endMs; t += 1000) {
    account.advanceTo(t);
    cluster.tick(t);
    if (due(t, startMs, passSeconds)) {
      rose = new Set(steps.filter((s) => stepService(s, account)).map((s) => s.service.id));
    }
    if (due(t, startMs, capacity.intervalSeconds)) {
      capacity.step(capacityView(t, cluster, steps, rose));
      rose = new Set();
    }
    meter.sample(services, t);
    peak = Math.max(peak, cluster.usableCount());
    options.onSecond?.(t, cluster, services);
  }
  account.advanceTo(endMs);
  meter.sample(services, endMs);
  return {
    capacity: capacity.name,
    services: steps.map((s) =>
      summarize(s.service, s.actions, options, { seed, startMs, endMs, sloSeconds }),
    ),
    capacityWaitTaskSeconds: meter.taskSeconds,
    instanceSeconds: cluster.instanceSeconds(endMs),
    pendingTaskMaxS: meter.maxSeconds,
    peakInstances: peak,
    misplacedTasks: cluster.misplaced,
  };
}

function due(t: number, startMs: number, intervalSeconds: number): boolean {
  return (t - startMs) % (intervalSeconds * 1000) === 0;
}

function summarize(
  service: SimService,
  actions: readonly ScalingActionRecord[],
  options: ClusterSimulationOptions,
  run: { seed: number; startMs: number; endMs: number; sloSeconds: number },
): SimulationResult {
  const spec = options.services.find((s) => SERVICE_ID(s.name) === service.id);
  return summarizeRun(service, {
    scaler: `${spec?.scaler.name ?? "?"}+${options.capacity}`,
    trace: spec?.trace.name ?? service.id,
    ...run,
    initialDesired: spec?.initialDesired ?? 0,
    actions,
  });
}
