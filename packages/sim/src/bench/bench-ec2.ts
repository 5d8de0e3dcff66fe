// The EC2 scenario of `npm run bench:ec2` (issue D): two SQS worker services on one cluster of 4 vCPU / 8 GiB
// instances, tasks of 1 vCPU / 2 GiB, fed by two shared traces. The same Gantry service scaler steers both
// services in both runs; only the capacity stage differs (Gantry's planCapacity against ECS cluster auto scaling).
import { join } from "node:path";
import {
  type CapacityScalerName,
  type ClusterServiceSpec,
  type ClusterSimulationResult,
  runClusterSimulation,
} from "../cluster/run-cluster-simulation.ts";
import { fluidTasksPerMinute } from "../scalers/fluid-bound.ts";
import { createGantryScaler } from "../scalers/gantry.ts";
import { type LoadTraceOptions, loadTrace } from "../traces/load-trace.ts";
import { averageProcessingSeconds } from "../traces/trace.ts";
import { benchBounds } from "./bench-bounds.ts";

export interface Ec2ServiceScenario {
  readonly name: string;
  readonly trace: string;
  readonly load: LoadTraceOptions;
  readonly processingSeconds?: number;
  readonly why: string;
}

export const EC2_INSTANCE = { cpu: 4096, memory: 8192 };
export const EC2_TASK = { cpu: 1024, memory: 2048 };
const SLO_SECONDS = 60;

export const EC2_SCENARIO: readonly Ec2ServiceScenario[] = [
  {
    name: "azure",
    trace: "azure-functions-2019",
    load: { function: "sum" },
    why: "Azure Functions 2019, all functions summed (×1, ~31 msg/s, 0.54 s each, 8 h)",
  },
  {
    name: "worldcup",
    trace: "worldcup98-per-minute",
    load: { scale: 0.01, from: "1998-06-30T10:00:00Z", to: "1998-06-30T18:00:00Z" },
    processingSeconds: 1,
    why: "WorldCup98 30 June 1998 10:00–18:00 UTC (×0.01, 1 s each, 8 h)",
  },
];

export interface Ec2BenchRow {
  readonly capacity: CapacityScalerName;
  readonly capacityWaitTaskSeconds: number;
  readonly instanceHours: number;
  readonly pendingTaskMaxS: number;
  readonly peakInstances: number;
  /** % of messages within the SLO, per service. */
  readonly withinSloPct: Readonly<Record<string, number>>;
  readonly p99WaitS: Readonly<Record<string, number>>;
  readonly taskHours: number;
  readonly runSeconds: number;
}

/** Runs the scenario under each capacity scaler: same traces, seed, warm start and bounds. */
export function runEc2Bench(tracesDir: string): Ec2BenchRow[] {
  const loaded = EC2_SCENARIO.map((s) => ({ s, trace: loadTrace(join(tracesDir, s.trace), s.load) }));
  return (["gantry", "ecs-cas"] as const).map((capacity) => {
    const started = performance.now();
    const services = loaded.map(({ s, trace }) => serviceSpec(s, trace));
    // Warm start: every service at its first minute's fluid need, on just enough instances.
    const initial = services.reduce((n, s) => n + (s.initialDesired ?? 0), 0);
    const maxTasks = services.reduce((n, s) => n + s.bounds.maxCapacity, 0);
    const result = runClusterSimulation({
      services,
      capacity,
      capacityConfig: { maxInstances: Math.ceil(maxTasks / 4) },
      instanceShape: EC2_INSTANCE,
      initialInstances: Math.ceil(initial / 4),
      sloSeconds: SLO_SECONDS,
    });
    return toRow(capacity, result, (performance.now() - started) / 1000);
  });
}

function serviceSpec(
  s: Ec2ServiceScenario,
  trace: ReturnType<typeof loadTrace>,
): ClusterServiceSpec & { initialDesired: number } {
  const processing = s.processingSeconds ?? trace.processingTimeSeconds ?? 1;
  const fluid = fluidTasksPerMinute(trace, processing);
  const peak = fluid.reduce((a, b) => Math.max(a, b), 0);
  const bounds = benchBounds("gantry", peak);
  const slo = {
    latencySeconds: SLO_SECONDS,
    processingTimeSeconds: averageProcessingSeconds(trace, processing),
  };
  return {
    name: s.name,
    trace,
    task: EC2_TASK,
    bounds,
    scaler: createGantryScaler({ bounds, slo }),
    processingTimeSeconds: processing,
    initialDesired: Math.min(bounds.maxCapacity, Math.ceil(fluid[0] ?? 0)),
  };
}

function toRow(capacity: CapacityScalerName, r: ClusterSimulationResult, runSeconds: number): Ec2BenchRow {
  const byService = (f: (s: ClusterSimulationResult["services"][number]) => number) =>
    Object.fromEntries(r.services.map((s, k) => [EC2_SCENARIO[k]?.name ?? s.trace, f(s)]));
  return {
    capacity,
    capacityWaitTaskSeconds: r.capacityWaitTaskSeconds,
    instanceHours: r.instanceSeconds / 3600,
    pendingTaskMaxS: r.pendingTaskMaxS,
    peakInstances: r.peakInstances,
    withinSloPct: byService((s) => s.withinSloPct),
    p99WaitS: byService((s) => s.p99WaitS),
    taskHours: r.services.reduce((n, s) => n + s.taskSeconds, 0) / 3600,
    runSeconds,
  };
}
