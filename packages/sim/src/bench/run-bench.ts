import { join } from "node:path";
import { runSimulation } from "../engine/run-simulation.ts";
import type { WindowFigures } from "../engine/score-window.ts";
import type { SimulationResult } from "../engine/simulation-result.ts";
import { type SimulationReport, toSimulationReport } from "../report/simulation-report.ts";
import { fluidBoundTaskSeconds, fluidTasksPerMinute } from "../scalers/fluid-bound.ts";
import { createScaler, type ScalerName, type ScalerOptionsByName } from "../scalers/index.ts";
import { heldOutSplitSeconds, type TracePart, tracePart } from "../traces/held-out.ts";
import { loadTrace } from "../traces/load-trace.ts";
import { averageProcessingSeconds, type Trace } from "../traces/trace.ts";
import { benchBounds } from "./bench-bounds.ts";
import type { BenchScenario } from "./scenarios.ts";

export const BENCH_SCALERS: readonly ScalerName[] = ["gantry", "aws-target-tracking", "aws-step", "keda"];

export interface BenchRow extends SimulationReport {
  /** Which part of the trace the report's figures cover (held-out.ts). */
  readonly part: TracePart;
  /** The tuning and validation parts' figures, whatever `part` is. */
  readonly parts: { readonly tune: WindowFigures; readonly validate: WindowFigures };
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** Wall-clock seconds the simulation took. */
  readonly runSeconds: number;
}

export interface ScenarioOutcome {
  readonly scenario: BenchScenario;
  readonly description: string;
  readonly fluidBoundTaskSeconds: number;
  readonly rows: readonly BenchRow[];
  /** Full results, for charts; not part of the JSON. */
  readonly results: readonly SimulationResult[];
}

export interface BenchOptions {
  readonly tracesDir: string;
  readonly scalers?: readonly ScalerName[];
  readonly onRun?: (scenario: string, row: BenchRow) => void;
  /** The part the rows report (default all); every run covers the whole trace and scores both parts. */
  readonly part?: TracePart;
  /** Default true; false stops busy tasks mid-message on scale-in, for every scaler (service-settings.ts). */
  readonly scaleInProtection?: boolean;
  /** Shortest billed lifetime of a task, for every scaler (Fargate: 60); default 0. */
  readonly minimumBilledSeconds?: number;
}

/** The report of one part of a split run, against that part's fluid bound. */
export function partReport(result: SimulationResult, part: TracePart, fluidBound: number): SimulationReport {
  const figures = part === "all" ? result : { ...result, ...result.parts?.[part] };
  return toSimulationReport(figures, fluidBound);
}

/** Runs every scaler on one scenario, with the same trace, seed, SLO and bounds rule. */
export function runScenario(scenario: BenchScenario, options: BenchOptions): ScenarioOutcome {
  const trace = loadTrace(join(options.tracesDir, scenario.trace), scenario.load);
  const part = options.part ?? "all";
  const processing = scenario.processingSeconds ?? trace.processingTimeSeconds ?? 1;
  const fluid = fluidBoundTaskSeconds(tracePart(trace, part), processing);
  const peak = fluidTasksPerMinute(trace, processing).reduce((a, b) => Math.max(a, b), 0);
  const results: SimulationResult[] = [];
  const rows: BenchRow[] = [];
  for (const name of options.scalers ?? BENCH_SCALERS) {
    const started = performance.now();
    const result = runOne(scenario, trace, name, {
      peak,
      processing,
      protection: options.scaleInProtection,
      minimumBilledSeconds: options.minimumBilledSeconds ?? 0,
    });
    const bounds = benchBounds(name, peak);
    const parts = result.parts;
    if (parts === undefined) throw new Error("a bench run is always split");
    const row = {
      ...partReport(result, part, fluid),
      trace: scenario.id,
      part,
      parts: { tune: parts.tune, validate: parts.validate },
      minCapacity: bounds.minCapacity,
      maxCapacity: bounds.maxCapacity,
      runSeconds: (performance.now() - started) / 1000,
    };
    results.push(result);
    rows.push(row);
    options.onRun?.(scenario.id, row);
  }
  return { scenario, description: trace.description, fluidBoundTaskSeconds: fluid, rows, results };
}

function runOne(
  scenario: BenchScenario,
  trace: Trace,
  name: ScalerName,
  run: { peak: number; processing: number; protection: boolean | undefined; minimumBilledSeconds: number },
) {
  const { peak, processing } = run;
  const bounds = benchBounds(name, peak);
  const slo = {
    latencySeconds: scenario.sloSeconds,
    processingTimeSeconds: averageProcessingSeconds(trace, processing),
  };
  // A Fargate user tells gantry its minimum billed time; the other scalers have no such setting.
  const billed =
    name === "gantry" && run.minimumBilledSeconds > 0
      ? { minimumBilledSeconds: run.minimumBilledSeconds }
      : {};
  const scaler = createScaler(name, { bounds, slo, ...billed } as ScalerOptionsByName[ScalerName]);
  return runSimulation({
    trace,
    scaler,
    bounds,
    sloSeconds: scenario.sloSeconds,
    splitAtSeconds: heldOutSplitSeconds(trace),
    scaleInProtection: run.protection ?? true,
    minimumBilledSeconds: run.minimumBilledSeconds,
    // Alibaba has jobs up to 567 s: a longer visibility timeout keeps them from being redelivered.
    visibilityTimeoutSeconds: 900,
    ...(scenario.processingSeconds !== undefined && { processingTimeSeconds: scenario.processingSeconds }),
  });
}
