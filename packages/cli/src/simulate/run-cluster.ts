// `gantry simulate --cluster ec2`: the trace's one service on an EC2 cluster, steered by Gantry's service
// scaler, with `--scaler` picking the capacity scaler (Gantry's planCapacity stage or the ecs-cas baseline).
import { GantryError, ValidationError } from "@gantry/core";
import {
  type CapacityScalerName,
  type ClusterSimulationResult,
  createGantryScaler,
  fluidTasksPerMinute,
  runClusterSimulation,
  type Slo,
  type Trace,
  workerCapacity,
} from "@gantry/sim";
import { CliError } from "../cli-error.ts";
import { gantryInterval, type SimulateOptions } from "./simulate-options.ts";

export const CAPACITY_SCALERS: readonly CapacityScalerName[] = ["gantry", "ecs-cas"];

/** The EC2 flags, with their defaults: a 4 vCPU / 8 GiB instance, a 1 vCPU / 2 GiB task, a 3-minute launch. */
export const EC2_DEFAULTS = {
  instanceTypeCpu: 4096,
  instanceTypeMemory: 8192,
  taskCpu: 1024,
  taskMemory: 2048,
  instanceLaunch: 180,
} as const;
type Ec2Flag = keyof typeof EC2_DEFAULTS;
export const EC2_FLAGS: Readonly<Record<Ec2Flag, string>> = {
  instanceTypeCpu: "--instance-type-cpu",
  instanceTypeMemory: "--instance-type-memory",
  taskCpu: "--task-cpu",
  taskMemory: "--task-memory",
  instanceLaunch: "--instance-launch",
};

/** The three figures of the capacity stage that the cluster run adds to the service's report. */
export interface CapacityFigures {
  readonly capacityWaitTaskSeconds: number;
  readonly instanceSeconds: number;
  readonly pendingTaskMaxS: number;
}

/** Exit 2 for flags that would otherwise be ignored, and for a --scaler that is no capacity scaler. */
export function checkClusterCombination(options: SimulateOptions, explicit: ReadonlySet<string>): void {
  if (options.cluster !== "ec2") {
    const given = (Object.keys(EC2_FLAGS) as Ec2Flag[]).filter((k) => options[k] !== undefined);
    if (given.length > 0) {
      const flags = given.map((k) => EC2_FLAGS[k]).join(", ");
      throw new CliError(`${flags}: applies to --cluster ec2 only`, 2);
    }
    return;
  }
  if (!(CAPACITY_SCALERS as readonly string[]).includes(options.scaler)) {
    throw new CliError(
      `--scaler ${options.scaler}: with --cluster ec2, one of the capacity scalers ${CAPACITY_SCALERS.join(", ")}`,
      2,
    );
  }
  // The cluster run has no knob for these: refuse them rather than ignore them.
  for (const [key, flag] of [
    ["taskStartup", "--task-startup"],
    ["concurrency", "--concurrency"],
    ["scaleInProtection", "--no-scale-in-protection"],
    ["minimumBilled", "--minimum-billed"],
  ] as const) {
    if (explicit.has(key)) throw new CliError(`${flag}: not supported with --cluster ec2`, 2);
  }
}

function ec2Value(options: SimulateOptions, key: Ec2Flag): number {
  return options[key] ?? EC2_DEFAULTS[key];
}

export function simulateCluster(
  options: SimulateOptions,
  trace: Trace,
  slo: Slo,
  config: unknown,
  processingTime: number,
): ClusterSimulationResult {
  const instance = {
    cpu: ec2Value(options, "instanceTypeCpu"),
    memory: ec2Value(options, "instanceTypeMemory"),
  };
  const task = { cpu: ec2Value(options, "taskCpu"), memory: ec2Value(options, "taskMemory") };
  const perInstance = Math.min(
    Math.floor(instance.cpu / task.cpu),
    Math.floor(instance.memory / task.memory),
  );
  if (perInstance < 1) {
    throw new CliError(
      `--task-cpu/--task-memory: a ${task.cpu}/${task.memory} task does not fit a ${instance.cpu}/${instance.memory} instance`,
      2,
    );
  }
  const bounds = { minCapacity: options.min, maxCapacity: options.max };
  let scaler: ReturnType<typeof createGantryScaler>;
  try {
    const base = { bounds, slo, ...gantryInterval(options) };
    scaler = createGantryScaler(config === undefined ? base : { ...base, config });
  } catch (error) {
    if (!(error instanceof GantryError)) throw error;
    const flag = options.config === undefined ? "--scaler gantry" : `--config ${options.config}`;
    throw new CliError(`${flag}: ${error.message}`, 2);
  }
  // Warm start, as in bench-ec2.ts: the first minute's fluid need, on just enough instances.
  const fluid = fluidTasksPerMinute(trace, processingTime);
  const initialDesired = Math.max(options.min, Math.min(options.max, Math.ceil(fluid[0] ?? 0)));
  try {
    return runClusterSimulation({
      services: [
        {
          name: "worker",
          trace,
          task,
          bounds,
          scaler,
          processingTimeSeconds: processingTime,
          initialDesired,
        },
      ],
      capacity: options.scaler as CapacityScalerName,
      capacityConfig: {
        maxInstances: Math.ceil(options.max / perInstance),
        ...capacitySettings(options, config, ec2Value(options, "instanceLaunch")),
      },
      instanceShape: instance,
      launchSeconds: ec2Value(options, "instanceLaunch"),
      initialInstances: Math.ceil(initialDesired / perInstance),
      seed: options.seed,
      sloSeconds: options.slo,
      visibilityTimeoutSeconds: options.visibilityTimeout,
    });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new CliError(`--cluster ec2: ${error.message}`, 2);
  }
}

/**
 * The target's own `capacity` block when --config has one (for either capacity scaler: ecs-cas reads the fields it
 * shares with ECS managed scaling); otherwise Gantry's worker-fleet settings, or ECS's defaults for ecs-cas.
 */
function capacitySettings(options: SimulateOptions, config: unknown, launchSeconds: number): object {
  const target = (config as { target?: { capacity?: unknown } } | undefined)?.target;
  if (typeof target?.capacity === "object" && target.capacity !== null) return target.capacity;
  return options.scaler === "gantry" ? workerCapacity(launchSeconds) : {};
}

export function capacityFigures(result: ClusterSimulationResult): CapacityFigures {
  return {
    capacityWaitTaskSeconds: result.capacityWaitTaskSeconds,
    instanceSeconds: result.instanceSeconds,
    pendingTaskMaxS: result.pendingTaskMaxS,
  };
}

/** The three lines appended to the readable summary, aligned with its values. */
export function formatCapacityFigures(figures: CapacityFigures, summary: string): string {
  const width = /^\S+\s+/.exec(summary)?.[0].length ?? 18;
  const rows: [string, string][] = [
    ["Capacity wait", `${figures.capacityWaitTaskSeconds.toFixed(0)} task-seconds`],
    ["Instance-hours", (figures.instanceSeconds / 3600).toFixed(2)],
    ["Max pending", `${figures.pendingTaskMaxS.toFixed(0)} s`],
  ];
  return rows.map(([label, value]) => `${label.padEnd(width)}${value}\n`).join("");
}
