// `npm run bench:ec2`: the EC2 cluster scenario (issue D), Gantry's capacity stage against ECS cluster auto
// scaling. Prints the markdown and writes bench/results/ec2.md and ec2.json. Options: --out DIR, --traces DIR.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { EC2_SCENARIOS, ec2Goal, ec2Markdown, runEc2Bench } from "../src/bench/index.ts";

const repo = resolve(import.meta.dirname, "../../..");
const { values } = parseArgs({
  options: {
    out: { type: "string", default: resolve(repo, "bench/results") },
    traces: { type: "string", default: resolve(repo, "../shared/traces") },
  },
});

const started = performance.now();
const rows = runEc2Bench(values.traces, {
  onRun: (r) =>
    console.error(
      `${r.scenario.padEnd(26)} ${r.variant.padEnd(13)} seed ${r.seed}  wait ${r.capacityWaitTaskSeconds.toFixed(0).padStart(6)} task-s  ${r.instanceHours.toFixed(1)} instance-h  (${r.runSeconds.toFixed(1)} s)`,
    ),
});
const elapsed = ((performance.now() - started) / 1000).toFixed(0);
const header =
  "# Benchmark: EC2 cluster\n\nTwo SQS worker services on one cluster of 4 vCPU / 8 GiB instances (launch 180 s), " +
  "tasks 1 vCPU / 2 GiB (start-up 45 s), both steered by Gantry's service scaler; the capacity stage is Gantry's " +
  "planCapacity (every 15 s) or ECS cluster auto scaling (every 60 s). The goal (issue D) is judged on the first " +
  "pair; gantry-fast was tuned on that pair alone, and the two other pairs show whether a setting carries over. " +
  `SLO 60 s, Node ${process.version}, ${elapsed} s in all (${rows.length} runs). Regenerate with \`npm run bench:ec2\`.`;
const markdown = ec2Markdown(rows, header);
mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, "ec2.md"), `${markdown}\n`);
const goal = ec2Goal(rows, EC2_SCENARIOS[0]?.id ?? "");
writeFileSync(join(values.out, "ec2.json"), `${JSON.stringify({ rows, goal }, null, 2)}\n`);
console.log(markdown);
console.error(`\nwrote ${values.out}/ec2.md and ec2.json`);
