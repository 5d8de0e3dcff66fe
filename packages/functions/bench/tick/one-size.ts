// One fleet size in a process of its own (bench-tick.ts starts one per size, so each RSS is its own):
// prints the outcome as one JSON line.
import { parseArgs } from "node:util";
import { runBench } from "./run/bench-run.ts";

const { values } = parseArgs({
  options: { targets: { type: "string" }, seed: { type: "string" }, minutes: { type: "string" } },
});
const outcome = await runBench({
  targets: Number(values.targets),
  seed: Number(values.seed ?? 0),
  minutes: Number(values.minutes ?? 60),
  aws: "child",
});
process.stdout.write(`${JSON.stringify(outcome)}\n`);
