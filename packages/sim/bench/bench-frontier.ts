// `npm run bench:frontier`: each scaler's main knob swept on each shared trace (long ones sliced, see
// frontier-scenarios.ts) at SLO 30, 60 and 120 s with 45 s task starts; every run is scored on the tuning part
// and the held-out validation part of its trace. Prints each point as it comes, then the summary; writes
// bench/results/frontier.md, frontier.json and frontier/<trace>--slo<N>.svg.
// Options: --only ID[,ID] (traces), --slo N[,N], --jobs N (worker threads, default 2), --out DIR, --traces DIR,
// --from-json FILE (no runs: redraw the outputs from a frontier.json).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  BENCH_SCALERS,
  FRONTIER_SCENARIOS,
  FRONTIER_SLOS,
  type FrontierPoint,
  frontierMarkdown,
  frontierPlan,
  runFrontierTasks,
  writeFrontier,
} from "../src/bench/index.ts";

const repo = resolve(import.meta.dirname, "../../..");
const { values } = parseArgs({
  options: {
    only: { type: "string" },
    slo: { type: "string" },
    jobs: { type: "string", default: "2" },
    out: { type: "string", default: resolve(repo, "bench/results") },
    traces: { type: "string", default: resolve(repo, "../shared/traces") },
    "from-json": { type: "string" },
  },
});
const only = values.only?.split(",");
const unknown = only?.filter((id) => !FRONTIER_SCENARIOS.some((s) => s.id === id)) ?? [];
const slos = values.slo?.split(",").map(Number) ?? FRONTIER_SLOS;
const jobs = Number(values.jobs);
if (unknown.length > 0 || !slos.every((s) => s > 0) || !(Number.isInteger(jobs) && jobs >= 1)) {
  console.error(
    `bench:frontier: --only one of ${FRONTIER_SCENARIOS.map((s) => s.id).join(", ")}; --slo seconds > 0; --jobs ≥ 1`,
  );
  process.exit(2);
}

const scenarios = FRONTIER_SCENARIOS.filter((s) => !only || only.includes(s.id));
const tasks = frontierPlan(scenarios, slos);
console.error(`bench:frontier: ${tasks.length} runs on ${jobs} worker thread(s)`);
const started = performance.now();
const f = (x: number | null) => (x === null ? "–" : x.toFixed(2));
let done = 0;
const fromJson = values["from-json"];
const points: FrontierPoint[] = fromJson
  ? JSON.parse(readFileSync(fromJson, "utf8"))
  : await runFrontierTasks(tasks, {
      tracesDir: values.traces,
      scenarios,
      jobs,
      onPoint: (p) =>
        console.error(
          `[${++done}/${tasks.length}] ${p.scenarioId.padEnd(28)} SLO ${String(p.sloSeconds).padStart(3)} s ${p.scaler.padEnd(20)} ${p.setting.padEnd(22)} tune ${p.tune.withinSloPct.toFixed(2).padStart(6)} % at ${f(p.tune.workRatio)}×  validate ${p.validate.withinSloPct.toFixed(2).padStart(6)} % at ${f(p.validate.workRatio)}×  (${p.runSeconds.toFixed(1)} s)`,
        ),
    });
// Completion order depends on the threads: sort into the plan's order so the outputs are stable.
const order = new Map(tasks.map((t, i) => [`${t.scenarioId}|${t.sloSeconds}|${t.scaler}|${t.knob}`, i]));
points.sort(
  (a, b) =>
    (order.get(`${a.scenarioId}|${a.sloSeconds}|${a.scaler}|${a.knob}`) ?? 0) -
    (order.get(`${b.scenarioId}|${b.sloSeconds}|${b.scaler}|${b.knob}`) ?? 0),
);
const elapsed = ((performance.now() - started) / 1000).toFixed(0);
const simulated = points.reduce((sum, p) => sum + p.runSeconds, 0).toFixed(0);
const slices = scenarios.map((s) => `${s.id}: ${s.why}`).join("; ");
const header = `# Frontiers\n\nEach scaler's main knob swept (gantry: worker target %, the rest of its profile as it defaults for the SLO; aws-step: the queue step threshold, with the CDK's CPU 50 % policy; KEDA: queueLength; target tracking: backlog per task; the last two as 0.25–4 × their SLO default) at SLO ${slos.join(", ")} s, tasks starting in 45 s, seed 0. Traces: ${slices}. Each run is scored on the tuning part (the first ~75 %, whole days) and the held-out validation part (the rest). ◆ marks a point on its scaler's Pareto frontier of that part. Node ${process.version}, ${points.length} runs taking Σ ${simulated} s${fromJson ? "" : ` (${elapsed} s wall on ${jobs} worker thread(s))`}. Regenerate with \`npm run bench:frontier\`.`;
const describe = (id: string) => scenarios.find((s) => s.id === id)?.why ?? id;
writeFrontier(values.out, points, { header, scalers: BENCH_SCALERS, describe });
console.log(frontierMarkdown(points, header, BENCH_SCALERS).split("## Points")[0]);
console.error(`wrote ${values.out}/frontier.md, frontier.json and frontier/*.svg`);
