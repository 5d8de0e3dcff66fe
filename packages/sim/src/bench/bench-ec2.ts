// `npm run bench:ec2` (issue D): every scenario under every capacity variant and seed. The same Gantry service
// scaler steers the services in every run; only the capacity stage differs.
import { join } from "node:path";
import {
  type CapacityScalerName,
  type ClusterServiceSpec,
  type ClusterSimulationResult,
  runClusterSimulation,
} from "../cluster/run-cluster-simulation.ts";
import { fluidTasksPerMinute } from "../scalers/fluid-bound.ts";
import { createGantryScaler } from "../scalers/gantry.ts";
import { loadTrace } from "../traces/load-trace.ts";
import { averageProcessingSeconds } from "../traces/trace.ts";
import { benchBounds } from "./bench-bounds.ts";
import {
  EC2_INSTANCE,
  EC2_LAUNCH_SECONDS,
  EC2_SCENARIOS,
  EC2_SEEDS,
  EC2_TASK,
  EC2_VARIANTS,
  type Ec2Scenario,
  type Ec2ServiceScenario,
  type Ec2Variant,
} from "./bench-ec2-scenarios.ts";

const SLO_SECONDS = 60;

export interface Ec2BenchRow {
  readonly scenario: string;
  readonly variant: string;
  readonly capacity: CapacityScalerName;
  readonly seed: number;
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

/** Runs each scenario under each variant and seed: same traces, warm start and bounds. */
export function runEc2Bench(
  tracesDir: string,
  options: {
    seeds?: readonly number[];
    variants?: readonly Ec2Variant[];
    scenarios?: readonly Ec2Scenario[];
    onRun?: (row: Ec2BenchRow) => void;
  } = {},
): Ec2BenchRow[] {
  const { seeds = EC2_SEEDS, variants = EC2_VARIANTS, scenarios = EC2_SCENARIOS } = options;
  return scenarios.flatMap((scenario) => {
    const loaded = scenario.services.map((s) => ({ s, trace: loadTrace(join(tracesDir, s.trace), s.load) }));
    return variants.flatMap((variant) =>
      seeds.map((seed) => {
        const started = performance.now();
        const services = loaded.map(({ s, trace }) => serviceSpec(s, trace));
        // Warm start: every service at its first minute's fluid need, on just enough instances.
        const initial = services.reduce((n, s) => n + (s.initialDesired ?? 0), 0);
        const maxTasks = services.reduce((n, s) => n + s.bounds.maxCapacity, 0);
        const result = runClusterSimulation({
          services,
          capacity: variant.capacity,
          capacityConfig: { maxInstances: Math.ceil(maxTasks / 4), ...variant.settings },
          instanceShape: EC2_INSTANCE,
          launchSeconds: EC2_LAUNCH_SECONDS,
          ...(variant.metricDelaySeconds !== undefined && {
            ecsCasMetricDelaySeconds: variant.metricDelaySeconds,
          }),
          initialInstances: Math.ceil(initial / 4),
          sloSeconds: SLO_SECONDS,
          seed,
        });
        const row = toRow(scenario, variant, seed, result, (performance.now() - started) / 1000);
        options.onRun?.(row);
        return row;
      }),
    );
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

function toRow(
  scenario: Ec2Scenario,
  variant: Ec2Variant,
  seed: number,
  r: ClusterSimulationResult,
  runSeconds: number,
): Ec2BenchRow {
  const byService = (f: (s: ClusterSimulationResult["services"][number]) => number) =>
    Object.fromEntries(r.services.map((s, k) => [scenario.services[k]?.name ?? s.trace, f(s)]));
  return {
    scenario: scenario.id,
    variant: variant.id,
    capacity: variant.capacity,
    seed,
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
