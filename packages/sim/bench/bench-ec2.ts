// `npm run bench:ec2`: the EC2 cluster scenario (issue D), Gantry's capacity stage against ECS cluster auto
// scaling. Prints the markdown and writes bench/results/ec2.md and ec2.json. Options: --out DIR, --traces DIR.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ec2Goal, ec2Markdown, runEc2Bench } from "../src/bench/index.ts";

const repo = resolve(import.meta.dirname, "../../..");
const { values } = parseArgs({
  options: {
    out: { type: "string", default: resolve(repo, "bench/results") },
    traces: { type: "string", default: resolve(repo, "../shared/traces") },
  },
});

const started = performance.now();
const rows = runEc2Bench(values.traces);
const elapsed = ((performance.now() - started) / 1000).toFixed(0);
const header =
  "# Benchmark: EC2 cluster\n\nTwo SQS worker services on one cluster of 4 vCPU / 8 GiB instances (launch 180 s), " +
  "tasks 1 vCPU / 2 GiB (start-up 45 s), both steered by Gantry's service scaler; the capacity stage is Gantry's " +
  `planCapacity (every 15 s) or ECS cluster auto scaling (every 60 s). Seed 0, SLO 60 s, Node ${process.version}, ` +
  `${elapsed} s in all. Regenerate with \`npm run bench:ec2\`.`;
const markdown = ec2Markdown(rows, header);
mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, "ec2.md"), `${markdown}\n`);
writeFileSync(join(values.out, "ec2.json"), `${JSON.stringify({ rows, goal: ec2Goal(rows) }, null, 2)}\n`);
console.log(markdown);
console.error(`\nwrote ${values.out}/ec2.md and ec2.json`);
