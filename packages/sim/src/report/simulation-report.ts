// The public JSON projection of one run (`gantry simulate --json`, the benchmark's rows). The field names and
// their order are a contract: add new fields after these, never rename.
import type { SimulationResult } from "../engine/simulation-result.ts";

export interface SimulationReport {
  readonly scaler: string;
  /** The trace's name, e.g. `azure-functions-2019` or a file's base name. */
  readonly trace: string;
  readonly messages: number;
  readonly sloSeconds: number;
  readonly withinSloPct: number;
  readonly p50WaitS: number;
  readonly p99WaitS: number;
  readonly maxWaitS: number;
  readonly maxBacklog: number;
  readonly taskSeconds: number;
  /** Per minute, the work arriving rounded up to whole tasks (fluid-bound.ts): a reference, not a floor. */
  readonly fluidBoundTaskSeconds: number;
  /** taskSeconds ÷ fluidBoundTaskSeconds; null when the bound is 0 (no work arrived), as JSON has no ∞. */
  readonly costRatio: number | null;
  readonly scalingActions: number;
  readonly firstScaleOutDelayS: number | null;
  /** Σ processing seconds of the messages served ÷ concurrency: the true floor of taskSeconds. */
  readonly workTaskSeconds: number;
  /** taskSeconds ÷ workTaskSeconds; null when nothing was processed. */
  readonly workRatio: number | null;
  readonly launches: number;
  /** Launches that replace a task stopped in the previous 3 minutes, and their share of launches in %. */
  readonly relaunchesWithin3Min: number;
  readonly relaunchesWithin3MinPct: number;
}

export const SIMULATION_REPORT_KEYS = [
  "scaler",
  "trace",
  "messages",
  "sloSeconds",
  "withinSloPct",
  "p50WaitS",
  "p99WaitS",
  "maxWaitS",
  "maxBacklog",
  "taskSeconds",
  "fluidBoundTaskSeconds",
  "costRatio",
  "scalingActions",
  "firstScaleOutDelayS",
  "workTaskSeconds",
  "workRatio",
  "launches",
  "relaunchesWithin3Min",
  "relaunchesWithin3MinPct",
] as const satisfies readonly (keyof SimulationReport)[];

/** The report of a run, given the fluid bound in task-seconds for the same trace (fluid-bound.ts). */
export function toSimulationReport(result: SimulationResult, fluidBound: number): SimulationReport {
  return {
    scaler: result.scaler,
    trace: result.trace,
    messages: result.messages,
    sloSeconds: result.sloSeconds,
    withinSloPct: result.withinSloPct,
    p50WaitS: result.p50WaitS,
    p99WaitS: result.p99WaitS,
    maxWaitS: result.maxWaitS,
    maxBacklog: result.maxBacklog,
    taskSeconds: result.taskSeconds,
    fluidBoundTaskSeconds: fluidBound,
    costRatio: fluidBound > 0 ? result.taskSeconds / fluidBound : null,
    scalingActions: result.scalingActions,
    firstScaleOutDelayS: result.firstScaleOutDelayS,
    workTaskSeconds: result.workTaskSeconds,
    workRatio: result.workRatio,
    launches: result.launches,
    relaunchesWithin3Min: result.relaunchesWithin3Min,
    relaunchesWithin3MinPct: result.relaunchesWithin3MinPct,
  };
}
