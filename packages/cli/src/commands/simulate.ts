// The simulator itself is imported only when the command runs, so that `gantry evaluate` stays quick to start.
import { TRACE_FORMATS } from "@gantry/sim";
import { type Command, Option } from "commander";
import { EC2_DEFAULTS } from "../simulate/run-cluster.ts";
import { CLUSTERS, type SimulateOptions } from "../simulate/simulate-options.ts";
import {
  atLeastOneSecond,
  existingPath,
  nonNegativeInteger,
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
  seed,
  subTickSeconds,
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
    .option(
      "--scaler <name>",
      "gantry, or a baseline: aws-target-tracking, aws-step, keda; with --cluster ec2, the capacity scaler: gantry or ecs-cas",
      "gantry",
    )
    .addOption(
      new Option(
        "--cluster <type>",
        "fargate, or ec2: Gantry's service scaler on an EC2 cluster sized by --scaler",
      )
        .choices(CLUSTERS)
        .default("fargate"),
    )
    // No Commander defaults: given without --cluster ec2, they are refused rather than ignored.
    .option(
      "--instance-type-cpu <units>",
      `--cluster ec2: CPU units of an instance (default ${EC2_DEFAULTS.instanceTypeCpu})`,
      positiveInteger,
    )
    .option(
      "--instance-type-memory <MiB>",
      `--cluster ec2: memory of an instance (default ${EC2_DEFAULTS.instanceTypeMemory})`,
      positiveInteger,
    )
    .option(
      "--task-cpu <units>",
      `--cluster ec2: CPU units of a task (default ${EC2_DEFAULTS.taskCpu})`,
      positiveInteger,
    )
    .option(
      "--task-memory <MiB>",
      `--cluster ec2: memory of a task (default ${EC2_DEFAULTS.taskMemory})`,
      positiveInteger,
    )
    .option(
      "--instance-launch <seconds>",
      `--cluster ec2: time from launch to an instance in service (default ${EC2_DEFAULTS.instanceLaunch})`,
      nonNegativeNumber,
    )
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
    .option(
      "--no-scale-in-protection",
      "scale-in stops busy tasks mid-message; their messages return after the visibility timeout",
    )
    .option(
      "--minimum-billed <seconds>",
      "shortest billed lifetime of a task (Fargate bills a minute at least: 60)",
      nonNegativeNumber,
      0,
    )
    // No Commander default: given with a baseline scaler, it is refused rather than ignored.
    .option(
      "--sub-tick <seconds>",
      "gantry's passes: seconds between them, as the deploy's SUB_TICK_SECONDS (default 15; 0: one a minute)",
      subTickSeconds,
    )
    .option("--min <n>", "minimum tasks", nonNegativeInteger, DEFAULT_MIN_TASKS)
    .option("--max <n>", "maximum tasks", nonNegativeInteger, DEFAULT_MAX_TASKS)
    .option("--json", "print the report as JSON")
    .option("--plot <file.svg>", "also write an SVG chart of the run", writableFile)
    .option("--progress", "show a progress bar on stderr even when it is not a terminal")
    .option("--no-progress", "never show the progress bar")
    .action(async (options: SimulateOptions, command: Command) => {
      const { runSimulate } = await import("../simulate/run-simulate.ts");
      const explicit = new Set(
        Object.keys(options).filter((key) => command.getOptionValueSource(key) === "cli"),
      );
      await runSimulate(options, explicit);
    });
}
