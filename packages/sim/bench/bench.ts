// `npm run bench`: every shared trace against every scaler. Prints the markdown table and writes the table,
// JSON and charts to bench/results/. Options: --only ID[,ID] (scenarios), --out DIR, --traces DIR,
// --part all|tune|validate (which part of each trace the main tables cover; see traces/held-out.ts),
// --no-scale-in-protection (scale-in stops busy tasks mid-message, for every scaler), --slo N (every scenario
// held to an N-second SLO instead of its own), --minimum-billed S (a stopped task bills at least S seconds, for
// every scaler; Fargate: 60).
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  benchMarkdown,
  runScenario,
  SCENARIOS,
  type ScenarioOutcome,
  writeResults,
} from "../src/bench/index.ts";
import { isTracePart, TRACE_PARTS } from "../src/traces/index.ts";

const repo = resolve(import.meta.dirname, "../../..");
const { values } = parseArgs({
  options: {
    only: { type: "string" },
    out: { type: "string", default: resolve(repo, "bench/results") },
    traces: { type: "string", default: resolve(repo, "../shared/traces") },
    part: { type: "string", default: "all" },
    "scale-in-protection": { type: "boolean", default: true },
    slo: { type: "string" },
    "minimum-billed": { type: "string", default: "0" },
  },
  allowNegative: true,
});
const protection = values["scale-in-protection"];
const minimumBilledSeconds = Number(values["minimum-billed"]);
if (!(minimumBilledSeconds >= 0)) {
  console.error(`bench: --minimum-billed ${values["minimum-billed"]}: seconds ≥ 0`);
  process.exit(2);
}
const slo = values.slo === undefined ? undefined : Number(values.slo);
if (slo !== undefined && !(slo > 0)) {
  console.error(`bench: --slo ${values.slo}: seconds > 0`);
  process.exit(2);
}
const part = values.part;
if (!isTracePart(part)) {
  console.error(`bench: --part ${part}: one of ${TRACE_PARTS.join(", ")}`);
  process.exit(2);
}
const only = values.only?.split(",");
const unknown = only?.filter((id) => !SCENARIOS.some((s) => s.id === id)) ?? [];
if (unknown.length > 0) {
  console.error(
    `bench: unknown scenario ${unknown.join(", ")}; one of ${SCENARIOS.map((s) => s.id).join(", ")}`,
  );
  process.exit(2);
}

const started = performance.now();
const outcomes: ScenarioOutcome[] = [];
for (const chosen of SCENARIOS.filter((s) => !only || only.includes(s.id))) {
  const scenario = slo === undefined ? chosen : { ...chosen, sloSeconds: slo };
  outcomes.push(
    runScenario(scenario, {
      tracesDir: values.traces,
      part,
      scaleInProtection: protection,
      minimumBilledSeconds,
      onRun: (id, row) =>
        console.error(
          `${id.padEnd(30)} ${row.scaler.padEnd(20)} ${row.withinSloPct.toFixed(2).padStart(6)} % within SLO, ${row.workRatio?.toFixed(2)}× work, ${row.costRatio?.toFixed(2)}× fluid, ${row.relaunchesWithin3MinPct.toFixed(1)} % relaunched  (${row.runSeconds.toFixed(1)} s)`,
        ),
    }),
  );
}
const elapsed = ((performance.now() - started) / 1000).toFixed(0);
const header = `# Benchmark\n\nSimulated SQS worker fleets (tasks start in 45 s, one message at a time, CloudWatch 2 min late), ${protection ? "busy tasks protected from scale-in" : "no scale-in protection (busy tasks stop mid-message)"}, ${minimumBilledSeconds > 0 ? `a stopped task billed ${minimumBilledSeconds} s at least` : "tasks billed by the second, no minimum"}, seed 0, Node ${process.version}, ${elapsed} s in all. Each trace is split (held-out.ts): the first ~75 % (whole days) is the tuning part, the rest is held out for validation; each run covers the whole trace and is scored on both parts. Regenerate with \`npm run bench\`.`;
writeResults(values.out, outcomes, header);
console.log(benchMarkdown(outcomes, header));
console.error(`\nwrote ${values.out}/results.md, results.json and charts/`);
