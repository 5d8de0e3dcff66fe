// The simulator itself is imported only when the command runs, so that `gantry evaluate` stays quick to start.
import { TRACE_FORMATS } from "@gantry/sim/traces/detect-format";
import { type Command, Option } from "commander";
import type { SimulateOptions } from "../simulate/run-simulate.ts";
import {
  atLeastOneSecond,
  existingPath,
  nonNegativeInteger,
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
  seed,
  writableFile,
} from "../simulate/value-parsers.ts";

/** Bounds of the service under test: one warm task, and a ceiling no sane scaler should reach by accident. */
export const DEFAULT_MIN_TASKS = 1;
export const DEFAULT_MAX_TASKS = 1000;

/** `gantry simulate`: replays a workload trace against one scaler in the simulated account and reports. */
export function registerSimulate(program: Command): void {
  program
    .command("simulate")
    .description(
      "replay a workload trace against a scaler in the simulated account and report latency and cost",
    )
    .requiredOption("--trace <file>", "trace file or folder (see --trace-format)", existingPath)
    .addOption(
      new Option("--trace-format <format>", "trace reader; default: detected from the path").choices(
        TRACE_FORMATS,
      ),
    )
    .option("--from <time>", "start of the slice: seconds, a duration (2h, 1d) or an ISO-8601 instant")
    .option("--to <time>", "end of the slice, exclusive, same forms as --from")
    .option("--function <hash|sum>", "Azure trace only: one function's HashFunction (or prefix), or sum")
    .option("--scale <factor>", "multiply the trace's rates by this factor", positiveNumber, 1)
    .option("--seed <n>", "seed of the simulation and of a fractional --scale", seed, 0)
    // Checked when the command runs, against the registry (which the help text cannot load cheaply).
    .option("--scaler <name>", "gantry, or a baseline: aws-target-tracking, aws-step, keda", "gantry")
    .option("--config <file>", "Gantry target config (JSON or YAML) for --scaler gantry")
    .option("--slo <seconds>", "acceptable wait before processing starts", positiveNumber, 60)
    .option("--task-startup <seconds>", "time from placement to RUNNING", nonNegativeNumber, 45)
    .option(
      "--processing-time <seconds>",
      "processing time of one message; default: the trace's per-request durations, else its suggestion, else 1",
      positiveNumber,
    )
    .option("--concurrency <n>", "messages one task processes at once", positiveInteger, 1)
    .option("--visibility-timeout <seconds>", "SQS visibility timeout", atLeastOneSecond, 300)
    .option("--min <n>", "minimum tasks", nonNegativeInteger, DEFAULT_MIN_TASKS)
    .option("--max <n>", "maximum tasks", nonNegativeInteger, DEFAULT_MAX_TASKS)
    .option("--json", "print the report as JSON")
    .option("--plot <file.svg>", "also write an SVG chart of the run", writableFile)
    .option("--progress", "show a progress bar on stderr even when it is not a terminal")
    .option("--no-progress", "never show the progress bar")
    .action(async (options: SimulateOptions) => {
      const { runSimulate } = await import("../simulate/run-simulate.ts");
      await runSimulate(options);
    });
}
