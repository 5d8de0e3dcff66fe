// One fleet size in a process of its own, the Lambda side (bench-tick.ts bundles it as SST bundles a handler
// and starts one per size, so each RSS is its own): prints the outcome as one JSON line.
import { parseArgs } from "node:util";
import { CONTROL_LOOP_MEMORY_MB } from "../../src/lambda-sizing.ts";
import { AWS_CHILD_FILE, childProcessAws } from "./aws-side/child-aws.ts";
import { runBench } from "./run/bench-run.ts";

const { values } = parseArgs({
  options: {
    targets: { type: "string" },
    seed: { type: "string", default: "0" },
    minutes: { type: "string", default: "60" },
    "memory-mb": { type: "string", default: String(CONTROL_LOOP_MEMORY_MB) },
    "aws-child": { type: "string", default: AWS_CHILD_FILE },
  },
});
const options = {
  targets: Number(values.targets),
  seed: Number(values.seed),
  minutes: Number(values.minutes),
  memoryMb: Number(values["memory-mb"]),
};
const outcome = await runBench(options, (spec) => childProcessAws(spec, values["aws-child"]));
process.stdout.write(`${JSON.stringify(outcome)}\n`);
