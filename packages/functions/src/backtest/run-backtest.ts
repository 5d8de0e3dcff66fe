// One backtest as `gantry simulate --scaler gantry --config <the target's config> --json` runs it (seed 0): the
// only code that runs the simulator, bundled into the `backtest` function alone.
import type { Policy, TargetConfig } from "@gantry/core";
import {
  averageProcessingSeconds,
  createScaler,
  fluidBoundTaskSeconds,
  SIM_QUEUE_URL,
  type SimulationProgress,
  simulationSteps,
  type Trace,
} from "@gantry/sim";
import { type SimulationReport, toSimulationReport } from "@gantry/sim/report";
import { parseUploadedTrace } from "../trace-upload.ts";
import type { BacktestInput } from "./backtest-input.ts";

/** `gantry simulate`'s defaults. */
const DEFAULT_SLO_SECONDS = 60;
const DEFAULT_TASK_STARTUP_SECONDS = 45;

/** The trace a job replays: an upload is read (and refused) here, a recording as the API stored it. */
export function traceOf(input: BacktestInput): Trace {
  if ("uploaded" in input.trace) return parseUploadedTrace(input.trace.uploaded);
  const { counts, bucketSeconds, ...recorded } = input.trace.recorded;
  return {
    ...recorded,
    bucketSeconds: bucketSeconds === 1 ? 1 : 60,
    counts: Float64Array.from(counts),
    scale: 1,
  };
}

/**
 * Runs the simulation step by step, awaiting `onProgress` after each (about every simulated hour) and handing
 * the event loop back, so progress is written while the run goes on (and `gantry dev` keeps answering).
 */
export async function runBacktest(
  input: BacktestInput,
  onProgress: (fraction: number) => Promise<void> = async () => {},
): Promise<SimulationReport> {
  const { config, options } = input;
  const trace = traceOf(input);
  const { minCapacity, maxCapacity } = config.target;
  const bounds = { minCapacity, maxCapacity };
  const processingTime = options.processingTimeSeconds ?? trace.processingTimeSeconds ?? 1;
  const sloSeconds = options.sloSeconds ?? DEFAULT_SLO_SECONDS;
  const slo = {
    latencySeconds: sloSeconds,
    processingTimeSeconds: averageProcessingSeconds(trace, processingTime),
  };
  const scaler = createScaler("gantry", { bounds, slo, config: onSimulatedQueue(config) });
  const steps = simulationSteps({
    trace,
    scaler,
    bounds,
    seed: 0,
    sloSeconds,
    taskStartupSeconds: options.taskStartupSeconds ?? DEFAULT_TASK_STARTUP_SECONDS,
    concurrency: workerConcurrency(config.policies),
    ...(options.processingTimeSeconds !== undefined && {
      processingTimeSeconds: options.processingTimeSeconds,
    }),
  });
  let step = steps.next();
  while (!step.done) {
    await onProgress(fractionOf(step.value));
    await new Promise((resolve) => setImmediate(resolve));
    step = steps.next();
  }
  return toSimulationReport(step.value, fluidBoundTaskSeconds(trace, processingTime));
}

function fractionOf({ simulatedSeconds, totalSeconds }: SimulationProgress): number {
  return totalSeconds > 0 ? Math.min(1, simulatedSeconds / totalSeconds) : 1;
}

/** The gantry scaler observes the simulated queue under SIM_QUEUE_URL: point every live metric at it. */
function onSimulatedQueue(config: TargetConfig): TargetConfig {
  const policies = config.policies.map((policy): Policy => {
    const metric = policy.metric;
    if ("sqs" in metric) return { ...policy, metric: { sqs: { ...metric.sqs, queueUrl: SIM_QUEUE_URL } } };
    if ("sqsUtilization" in metric) {
      return { ...policy, metric: { sqsUtilization: { ...metric.sqsUtilization, queueUrl: SIM_QUEUE_URL } } };
    }
    return policy;
  });
  return { ...config, policies };
}

/** Messages one simulated task works on at once: what the target's sqsUtilization policy says, else 1. */
function workerConcurrency(policies: readonly Policy[]): number {
  for (const { metric } of policies) if ("sqsUtilization" in metric) return metric.sqsUtilization.concurrency;
  return 1;
}
