// `npm run bench:tick [-- --json] [--targets 100,1000] [--minutes 60] [--seed 0]`: the real reconciler and AWS
// adapters over the simulator's account behind emulated AWS (20–50 ms a call, AWS's per-call limits), for a
// mix of SQS workers and web services. Per fleet size: one steady-state pass's time, calls and memory, and the
// monthly cost of a simulated hour. --json prints the pinned line per size, then AAS's alarm cost.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CONTROL_LOOP_MEMORY_MB, nodeOptionsFor, parseMemoryMb } from "../../src/lambda-sizing.ts";
import { AWS_CHILD_FILE } from "./aws-side/child-aws.ts";
import { bundleLambdaSide } from "./lambda-bundle.ts";
import { humanReport } from "./report/human-report.ts";
import type { BenchOutcome } from "./run/bench-run.ts";

const SIZES = [100, 1_000, 5_000, 10_000];

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    targets: { type: "string" },
    minutes: { type: "string", default: "60" },
    seed: { type: "string", default: "0" },
    "memory-mb": { type: "string", default: String(CONTROL_LOOP_MEMORY_MB) },
  },
});
const sizes = values.targets?.split(",").map(Number) ?? SIZES;
if (sizes.some((n) => !Number.isInteger(n) || n < 2)) {
  console.error(`bench:tick: --targets takes whole numbers ≥ 2, comma-separated; got ${values.targets}`);
  process.exit(2);
}

function memoryOption(value: string): number {
  try {
    return parseMemoryMb(value, "--memory-mb");
  } catch (error) {
    console.error(`bench:tick: ${(error as Error).message}`);
    process.exit(2);
  }
}
const memoryMb = memoryOption(values["memory-mb"]);

const dir = mkdtempSync(join(tmpdir(), "gantry-bench-tick-"));
const bundle = await bundleLambdaSide(dir);

function runSize(targets: number): Promise<BenchOutcome> {
  const size = ["--targets", String(targets), "--seed", values.seed, "--minutes", values.minutes];
  const memory = ["--memory-mb", String(memoryMb)];
  // V8's heap bounded as the deployed tick's NODE_OPTIONS bound it (infra/control-loop.ts).
  const heap = nodeOptionsFor(memoryMb).split(" ");
  const args = [...heap, bundle, ...size, ...memory, "--aws-child", AWS_CHILD_FILE];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 2 ** 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`bench:tick ${targets} targets failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as BenchOutcome);
    });
  });
}

const outcomes: BenchOutcome[] = [];
try {
  for (const targets of sizes) {
    const started = performance.now();
    const outcome = await runSize(targets);
    outcomes.push(outcome);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    // The table waits for every size; the figures of each are on stderr as soon as it is done.
    console.error(`bench:tick: ${targets} targets done in ${seconds} s: ${JSON.stringify(outcome.line)}`);
    if (values.json) console.log(JSON.stringify(outcome.line));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (values.json) {
  for (const { line, baseline } of outcomes)
    console.log(
      JSON.stringify({
        baseline: baseline.baseline,
        targets: line.targets,
        alarms: baseline.alarms,
        monthlyUsdPer1000Targets: baseline.monthlyUsdPer1000Targets,
      }),
    );
} else {
  const machine = `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}`;
  console.log(humanReport(outcomes, machine));
}
