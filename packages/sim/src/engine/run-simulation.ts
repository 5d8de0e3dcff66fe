// A backtest: one service of queue workers replays a trace while a scaler steers its desired count.
import { ValidationError } from "@gantry/core";
import { clampToBounds } from "@gantry/core/building-blocks";
import type { PlacementHook } from "../account/placement.ts";
import { checkNumber, type ServiceDefaults } from "../account/service-settings.ts";
import { SimAccount } from "../account/sim-account.ts";
import type { SimService } from "../account/sim-service.ts";
import type { Scaler, ScalerBounds } from "../scalers/scaler.ts";
import { type Trace, traceSeconds } from "../traces/trace.ts";
import { createScalerView } from "./scaler-view.ts";
import { countOverdue, readCounters } from "./score-window.ts";
import {
  type ResultContext,
  type ScalingActionRecord,
  type SimulationResult,
  summarizeRun,
} from "./simulation-result.ts";

export interface SimulationProgress {
  readonly simulatedSeconds: number;
  readonly totalSeconds: number;
}

export interface SimulationOptions extends ServiceDefaults {
  readonly trace: Trace;
  readonly scaler: Scaler;
  readonly bounds: ScalerBounds;
  /** Default 0. */
  readonly seed?: number;
  /** Default: per-request durations, else the trace's suggestion, else 1 (see service-settings.ts). */
  readonly processingTimeSeconds?: number;
  /** Tasks RUNNING at the start, clamped to bounds; default bounds.minCapacity. */
  readonly initialDesired?: number;
  /** Wait target for withinSloPct; default 60. */
  readonly sloSeconds?: number;
  /**
   * Seconds from the start at which the run is also scored in two parts (result.parts): tune before it,
   * validate from it on (see held-out.ts). Default: no split.
   */
  readonly splitAtSeconds?: number;
  /** Extra time simulated after the trace ends (the queue drains); default 0. */
  readonly tailSeconds?: number;
  /** Start of the run, epoch ms; default the trace's startTime, else 0. */
  readonly startMs?: number;
  readonly sampleSeconds?: number;
  readonly placement?: PlacementHook;
  /** Called about every simulated hour, and at the end. */
  readonly onProgress?: (progress: SimulationProgress) => void;
}

const PROGRESS_EVERY_MS = 3_600_000;

function checkRun(options: SimulationOptions): void {
  const { bounds, scaler } = options;
  const boundsOk =
    Number.isInteger(bounds.minCapacity) && bounds.minCapacity >= 0 && Number.isInteger(bounds.maxCapacity);
  if (!boundsOk || bounds.maxCapacity < bounds.minCapacity) {
    throw new ValidationError(`bounds ${bounds.minCapacity}..${bounds.maxCapacity} are not valid`, "bounds");
  }
  checkNumber(options.sloSeconds ?? 0, "sloSeconds", 0);
  checkNumber(options.tailSeconds ?? 0, "tailSeconds", 0);
  checkNumber(options.splitAtSeconds ?? 0, "splitAtSeconds", 0);
  if (!(scaler.intervalSeconds > 0 && Number.isFinite(scaler.intervalSeconds))) {
    throw new ValidationError(`scaler ${scaler.name}: intervalSeconds must be > 0`, "scaler.intervalSeconds");
  }
}

/** Asks the scaler at `now` and applies its answer, clamped to bounds; the action when desired changed. */
function stepScaler(service: SimService, options: SimulationOptions, account: SimAccount) {
  const now = account.now();
  const proposed = options.scaler.step(createScalerView(service, now));
  if (proposed === undefined) return undefined;
  if (!Number.isFinite(proposed)) {
    throw new ValidationError(`scaler ${options.scaler.name} returned ${proposed} at ${now}`, "scaler");
  }
  const from = service.ecs.desired;
  const to = clampToBounds(Math.round(proposed), from, options.bounds).value;
  if (to === from) return undefined;
  account.setDesiredCount(service.id, to);
  return { at: now, from, to };
}

export function runSimulation(options: SimulationOptions): SimulationResult {
  const steps = simulationSteps(options);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    options.onProgress?.(step.value);
  }
}

/**
 * The same run as a generator: it yields its progress (about every simulated hour, and at the end) and returns
 * the result, so a caller can hand the event loop back between steps (the backtest function writes progress).
 */
export function* simulationSteps(
  options: SimulationOptions,
): Generator<SimulationProgress, SimulationResult> {
  checkRun(options);
  const { trace, scaler, bounds, seed = 0, sloSeconds = 60, tailSeconds = 0 } = options;
  const startMs = options.startMs ?? (trace.startTime === undefined ? 0 : Date.parse(trace.startTime));
  const account = new SimAccount({ ...options, startMs, seed });
  const initial = Math.round(options.initialDesired ?? bounds.minCapacity);
  const initialDesired = clampToBounds(initial, initial, bounds).value;
  const service = account.addService({ ...options, name: "worker", trace, initialDesired });
  const totalMs = (traceSeconds(trace) + tailSeconds) * 1000;
  const endMs = startMs + totalMs;
  const intervalMs = scaler.intervalSeconds * 1000;
  const actions: ScalingActionRecord[] = [];
  let nextProgress = startMs + PROGRESS_EVERY_MS;
  const splitMs = options.splitAtSeconds === undefined ? undefined : startMs + options.splitAtSeconds * 1000;
  let split: ResultContext["split"];
  const readSplit = () => ({
    counters: readCounters(service, account.now()),
    overdue: countOverdue(service, account.now(), sloSeconds * 1000),
  });
  for (let k = 0; startMs + k * intervalMs < endMs; k++) {
    const at = startMs + k * intervalMs;
    if (splitMs !== undefined && split === undefined && splitMs <= at) {
      account.advanceTo(splitMs);
      split = readSplit();
    }
    account.advanceTo(at);
    const action = stepScaler(service, options, account);
    if (action !== undefined) actions.push(action);
    if (account.now() >= nextProgress) {
      yield { simulatedSeconds: (account.now() - startMs) / 1000, totalSeconds: totalMs / 1000 };
      nextProgress += PROGRESS_EVERY_MS;
    }
  }
  account.advanceTo(endMs);
  if (splitMs !== undefined && split === undefined) split = readSplit();
  yield { simulatedSeconds: totalMs / 1000, totalSeconds: totalMs / 1000 };
  const context = {
    scaler: scaler.name,
    trace: trace.name,
    seed,
    startMs,
    endMs,
    sloSeconds,
    initialDesired,
    actions,
    ...(split === undefined ? {} : { split }),
  };
  return summarizeRun(service, context);
}
