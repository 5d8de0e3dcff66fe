// One point of the frontier sweep: a scaler with one knob setting on one trace at one SLO, scored on the whole
// (sliced) trace and on its tuning and held-out validation parts. Tasks are plain data so that worker threads
// can run them (frontier-pool.ts).
import { join } from "node:path";
import { runSimulation } from "../engine/run-simulation.ts";
import type { WindowFigures } from "../engine/score-window.ts";
import { queueAlarmsAt } from "../scalers/aws-step.ts";
import { fluidTasksPerMinute } from "../scalers/fluid-bound.ts";
import { workerTuning } from "../scalers/gantry.ts";
import {
  backlogTargetFromSlo,
  createScaler,
  kedaQueueLengthFromSlo,
  type ScalerName,
  type ScalerOptionsByName,
  type Slo,
} from "../scalers/index.ts";
import { heldOutSplitSeconds } from "../traces/held-out.ts";
import { loadTrace } from "../traces/load-trace.ts";
import { averageProcessingSeconds, type Trace } from "../traces/trace.ts";
import { benchBounds } from "./bench-bounds.ts";
import {
  FRONTIER_SCENARIOS,
  FRONTIER_SLOS,
  type FrontierScenario,
  GANTRY_TARGETS,
  KNOB_MULTIPLIERS,
  STEP_THRESHOLDS,
} from "./frontier-scenarios.ts";
import { BENCH_SCALERS } from "./run-bench.ts";

export interface FrontierTask {
  readonly scenarioId: string;
  readonly sloSeconds: number;
  readonly scaler: ScalerName;
  /** Gantry: target %; aws-step: scale-out threshold; KEDA and target tracking: × their SLO default. */
  readonly knob: number;
}

export interface FrontierPoint extends FrontierTask {
  /** The knob as the scaler takes it, e.g. `queueLength 3` or `target 220 %`. */
  readonly setting: string;
  readonly all: WindowFigures;
  readonly tune: WindowFigures;
  readonly validate: WindowFigures;
  readonly runSeconds: number;
}

export function knobsOf(scaler: ScalerName): readonly number[] {
  if (scaler === "gantry") return GANTRY_TARGETS;
  if (scaler === "aws-step") return STEP_THRESHOLDS;
  return KNOB_MULTIPLIERS;
}

/** Every (scenario, SLO, scaler, knob), scenario by scenario so that a worker reads each trace once. */
export function frontierPlan(
  scenarios: readonly FrontierScenario[] = FRONTIER_SCENARIOS,
  slos: readonly number[] = FRONTIER_SLOS,
  scalers: readonly ScalerName[] = BENCH_SCALERS,
): FrontierTask[] {
  return scenarios.flatMap((s) =>
    slos.flatMap((sloSeconds) =>
      scalers.flatMap((scaler) =>
        knobsOf(scaler).map((knob) => ({ scenarioId: s.id, sloSeconds, scaler, knob })),
      ),
    ),
  );
}

/** A loaded scenario: the trace and what every run on it shares. */
export interface LoadedScenario {
  readonly scenario: FrontierScenario;
  readonly trace: Trace;
  readonly processingSeconds: number;
  readonly peakFluidTasks: number;
}

export function loadScenario(scenario: FrontierScenario, tracesDir: string): LoadedScenario {
  const trace = loadTrace(join(tracesDir, scenario.trace), scenario.load);
  const processingSeconds = scenario.processingSeconds ?? trace.processingTimeSeconds ?? 1;
  const peakFluidTasks = fluidTasksPerMinute(trace, processingSeconds).reduce((a, b) => Math.max(a, b), 0);
  return { scenario, trace, processingSeconds, peakFluidTasks };
}

/**
 * Loads scenarios on demand, keeping only the last one: the sweep runs scenario by scenario, and a long trace
 * is tens of MB.
 */
export function scenarioLoader(scenarios: readonly FrontierScenario[], tracesDir: string) {
  let last: LoadedScenario | undefined;
  return (id: string): LoadedScenario => {
    if (last?.scenario.id === id) return last;
    const spec = scenarios.find((s) => s.id === id);
    if (spec === undefined) throw new Error(`unknown frontier scenario ${id}`);
    last = undefined; // let the previous trace go before reading the next
    last = loadScenario(spec, tracesDir);
    return last;
  };
}

/** The scaler options and a readable setting for a task's knob. */
export function knobSetting(task: FrontierTask, slo: Slo): { options: object; setting: string } {
  switch (task.scaler) {
    case "gantry":
      return {
        options: { tuning: { ...workerTuning({ slo }), targetPercent: task.knob } },
        setting: `target ${task.knob} %`,
      };
    case "aws-step":
      return { options: { queueAlarms: queueAlarmsAt(task.knob) }, setting: `≥ ${task.knob} → +1` };
    case "keda": {
      const queueLength = Math.max(1, Math.round(kedaQueueLengthFromSlo(slo) * task.knob));
      return { options: { queueLength }, setting: `queueLength ${queueLength}` };
    }
    case "aws-target-tracking": {
      const target = backlogTargetFromSlo(slo) * task.knob;
      return {
        options: { targetBacklogPerTask: target },
        setting: `backlog/task ${Number(target.toPrecision(3))}`,
      };
    }
  }
}

export function runFrontierTask(task: FrontierTask, loaded: LoadedScenario): FrontierPoint {
  const started = performance.now();
  const { trace, processingSeconds } = loaded;
  const slo = {
    latencySeconds: task.sloSeconds,
    processingTimeSeconds: averageProcessingSeconds(trace, processingSeconds),
  };
  const bounds = benchBounds(task.scaler, loaded.peakFluidTasks);
  const { options, setting } = knobSetting(task, slo);
  const scaler = createScaler(task.scaler, { bounds, slo, ...options } as ScalerOptionsByName[ScalerName]);
  const result = runSimulation({
    trace,
    scaler,
    bounds,
    sloSeconds: task.sloSeconds,
    splitAtSeconds: heldOutSplitSeconds(trace),
    visibilityTimeoutSeconds: 900,
    ...(loaded.scenario.processingSeconds !== undefined && { processingTimeSeconds: processingSeconds }),
  });
  const { parts } = result;
  if (parts === undefined) throw new Error("a frontier run is always split");
  return {
    ...task,
    setting,
    all: allFigures(result),
    tune: parts.tune,
    validate: parts.validate,
    runSeconds: (performance.now() - started) / 1000,
  };
}

function allFigures(result: WindowFigures): WindowFigures {
  const { messages, withinSloPct, p50WaitS, p99WaitS, maxWaitS, taskSeconds, workTaskSeconds, workRatio } =
    result;
  return {
    messages,
    withinSloPct,
    p50WaitS,
    p99WaitS,
    maxWaitS,
    taskSeconds,
    workTaskSeconds,
    workRatio,
    launches: result.launches,
    relaunchesWithin3Min: result.relaunchesWithin3Min,
    relaunchesWithin3MinPct: result.relaunchesWithin3MinPct,
  };
}
