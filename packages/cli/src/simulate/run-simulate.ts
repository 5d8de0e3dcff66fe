// `gantry simulate` once its options are parsed: load the trace, build the scaler, run, report.
import { writeFileSync } from "node:fs";
import { GantryError, ValidationError } from "@gantry/core";
import {
  averageProcessingSeconds,
  createScaler,
  fluidBoundTaskSeconds,
  isScalerName,
  loadTrace,
  runSimulation,
  SCALER_NAMES,
  type ScalerName,
  type ScalerOptionsByName,
  type SimulationResult,
  type Slo,
  type Trace,
} from "@gantry/sim";
import { formatSummary, toSimulationReport } from "@gantry/sim/report";
import { CliError } from "../cli-error.ts";
import { parseDocument, readText } from "../read-input.ts";
import { createProgress } from "./progress.ts";
import {
  type CapacityFigures,
  capacityFigures,
  checkClusterCombination,
  formatCapacityFigures,
  simulateCluster,
} from "./run-cluster.ts";
import { gantryInterval, type SimulateOptions } from "./simulate-options.ts";

/** Field names in loadTrace's and runSimulation's ValidationErrors → the flags that set them. */
const FIELD_FLAGS: Readonly<Record<string, string>> = {
  path: "--trace",
  format: "--trace-format",
  from: "--from",
  to: "--to",
  function: "--function",
  scale: "--scale",
  seed: "--seed",
  bounds: "--min/--max",
  sloSeconds: "--slo",
  taskStartupSeconds: "--task-startup",
  processingTimeSeconds: "--processing-time",
  concurrency: "--concurrency",
  visibilityTimeoutSeconds: "--visibility-timeout",
  minimumBilledSeconds: "--minimum-billed",
};

/** A ValidationError as one line that leads with the flag to fix (`fallback` when no flag sets the field). */
function asCliError(error: unknown, fallback: string): unknown {
  if (!(error instanceof ValidationError)) return error;
  // The library speaks of its option; the user has a flag.
  const message = error.message.replace("options.format", "--trace-format");
  return new CliError(`${FIELD_FLAGS[error.field ?? ""] ?? fallback}: ${message}`, 2);
}

function readTrace(options: SimulateOptions): Trace {
  const { from, to, scale, seed } = options;
  try {
    return loadTrace(options.trace, {
      scale,
      seed,
      ...(options.traceFormat === undefined ? {} : { format: options.traceFormat }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      ...(options.function === undefined ? {} : { function: options.function }),
    });
  } catch (error) {
    // Other fields are places in the file (`path:line`), which the message already names.
    throw asCliError(error, "--trace");
  }
}

async function readConfig(options: SimulateOptions): Promise<unknown> {
  if (options.config === undefined) return undefined;
  // With --cluster ec2 the service scaler is always Gantry's; --scaler names the capacity scaler.
  if (options.scaler !== "gantry" && options.cluster !== "ec2") {
    throw new CliError(`--config applies to --scaler gantry only, not ${options.scaler}`, 2);
  }
  try {
    return parseDocument(await readText(options.config), options.config);
  } catch (error) {
    // Their messages start with the path: lead with the flag too.
    throw error instanceof CliError ? new CliError(`--config ${error.message}`, error.exitCode) : error;
  }
}

function buildScaler(options: SimulateOptions, slo: Slo, config: unknown) {
  const name = options.scaler as ScalerName;
  const bounds = { minCapacity: options.min, maxCapacity: options.max };
  // Built apart from the call: the registry's option types differ per scaler, and `config` is the gantry
  // scaler's alone (readConfig refuses it for the others).
  // gantry derives its worker target from the start time too (gantry-worker-policy.ts).
  const start =
    name === "gantry"
      ? {
          taskStartSeconds: options.taskStartup,
          ...(options.minimumBilled > 0 && { minimumBilledSeconds: Math.ceil(options.minimumBilled) }),
          ...gantryInterval(options),
        }
      : {};
  const scalerOptions = config === undefined ? { bounds, slo, ...start } : { bounds, slo, config, ...start };
  try {
    return createScaler(name, scalerOptions as ScalerOptionsByName[ScalerName]);
  } catch (error) {
    if (!(error instanceof GantryError)) throw error;
    const flag = options.config === undefined ? `--scaler ${name}` : `--config ${options.config}`;
    throw new CliError(`${flag}: ${error.message}`, 2);
  }
}

function checkCombination(options: SimulateOptions, explicit: ReadonlySet<string>): void {
  if (options.max < options.min) {
    throw new CliError(`--max ${options.max} must be ≥ --min ${options.min}`, 2);
  }
  if (options.max < 1) throw new CliError("--max must be ≥ 1: no task could ever run", 2);
  checkClusterCombination(options, explicit);
  if (options.cluster === "ec2") return;
  if (options.subTick !== undefined && options.scaler !== "gantry") {
    throw new CliError(
      `--sub-tick: applies to --scaler gantry only (${options.scaler} keeps its own period)`,
      2,
    );
  }
  // The default (gantry) is not checked by Commander's parser, and may not be registered yet.
  if (!isScalerName(options.scaler)) {
    throw new CliError(`--scaler ${options.scaler}: unknown scaler; one of ${SCALER_NAMES.join(", ")}`, 2);
  }
}

function simulate(options: SimulateOptions, trace: Trace, scaler: ReturnType<typeof buildScaler>) {
  const progress = createProgress(options.progress);
  try {
    return runSimulation({
      trace,
      scaler,
      bounds: { minCapacity: options.min, maxCapacity: options.max },
      seed: options.seed,
      sloSeconds: options.slo,
      taskStartupSeconds: options.taskStartup,
      concurrency: options.concurrency,
      visibilityTimeoutSeconds: options.visibilityTimeout,
      scaleInProtection: options.scaleInProtection ?? true,
      minimumBilledSeconds: options.minimumBilled,
      ...(options.processingTime === undefined ? {} : { processingTimeSeconds: options.processingTime }),
      onProgress: progress.update,
    });
  } catch (error) {
    throw asCliError(error, `--scaler ${options.scaler}`);
  } finally {
    progress.stop();
  }
}

async function writePlot(path: string, result: SimulationResult, trace: Trace): Promise<void> {
  // Imported on demand: ECharts takes a while to load and only --plot needs it.
  const { plotSimulation } = await import("@gantry/sim/report/plot");
  try {
    writeFileSync(path, plotSimulation(result, { subtitle: trace.description }));
  } catch (error) {
    throw new CliError(`--plot ${path}: cannot write (${(error as NodeJS.ErrnoException).code})`, 2);
  }
}

/** `explicit`: the options given on the command line (not defaults), to refuse those a run would ignore. */
export async function runSimulate(
  options: SimulateOptions,
  explicit: ReadonlySet<string> = new Set(),
): Promise<void> {
  checkCombination(options, explicit);
  const config = await readConfig(options);
  const trace = readTrace(options);
  const processingTime = options.processingTime ?? trace.processingTimeSeconds ?? 1;
  const slo = {
    latencySeconds: options.slo,
    processingTimeSeconds: averageProcessingSeconds(trace, processingTime),
  };
  let result: SimulationResult;
  let figures: CapacityFigures | undefined;
  if (options.cluster === "ec2") {
    const cluster = simulateCluster(options, trace, slo, config, processingTime);
    const service = cluster.services[0];
    if (service === undefined) throw new Error("the cluster run returned no service");
    result = service;
    figures = capacityFigures(cluster);
  } else {
    result = simulate(options, trace, buildScaler(options, slo, config));
  }
  const report = toSimulationReport(result, fluidBoundTaskSeconds(trace, processingTime));
  if (options.plot !== undefined) await writePlot(options.plot, result, trace);
  let text: string;
  if (options.json) {
    text = `${JSON.stringify({ ...report, ...figures }, null, 2)}\n`;
  } else {
    text = formatSummary(report, { traceDescription: trace.description });
    if (figures !== undefined) text += formatCapacityFigures(figures, text);
  }
  process.stdout.write(text);
}
