// `npm run bench:cold-start`: is a 30 s SLO reachable on the Alibaba job trace with 45 s
// starts? Prints and writes bench/results/cold-start.md: for each time T a task is kept after the fleet empties,
// the share of messages that still arrive to an empty fleet (late: a start outlasts the SLO) and the workRatio
// no such scaler can beat (bench/cold-start-bound.ts); then, at SLO 30, 60, 120 and 180 s, what a scaler that knew
// every arrival would bill with a greedy schedule, on the tuning and held-out parts (bench/clairvoyant-reference.ts).
// Options: --traces DIR, --out DIR, --start S (default 45).
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { clairvoyantSchedule } from "../src/bench/clairvoyant-reference.ts";
import { coldStartCurve } from "../src/bench/cold-start-bound.ts";
import { markdownTable } from "../src/bench/markdown-table.ts";
import { heldOutSplitSeconds } from "../src/traces/held-out.ts";
import { loadTrace } from "../src/traces/load-trace.ts";

const repo = resolve(import.meta.dirname, "../../..");
const { values } = parseArgs({
  options: {
    traces: { type: "string", default: resolve(repo, "../shared/traces") },
    out: { type: "string", default: resolve(repo, "bench/results") },
    start: { type: "string", default: "45" },
  },
});
const start = Number(values.start);
const trace = loadTrace(resolve(values.traces, "alibaba-genai-lora-requests"), {});
if (!trace.requests) throw new Error("the Alibaba trace has no requests");
const keeps = [0, 30, 60, 90, 120, 150, 180, 300, 600, 1800, 3600];
const curve = coldStartCurve(trace.requests, start, keeps);
const rows = curve.map((p) => [
  `${p.keepSeconds} s`,
  `${p.coldPct.toFixed(2)} %`,
  `${(100 - p.coldPct).toFixed(2)} %`,
  `${p.idleRatio.toFixed(2)}×`,
  `${p.startRatio.toFixed(2)}×`,
  `${p.workRatioFloor.toFixed(2)}×`,
]);
const reach = curve.find((p) => p.coldPct <= 3);
const split = heldOutSplitSeconds(trace);
const requests = trace.requests;
const ratio = (x: number) => `${x.toFixed(3)}×`;
const clairvoyantRows = [30, 60, 120, 180].flatMap((slo) =>
  (
    [
      ["tune", 0, split],
      ["validate", split, Number.POSITIVE_INFINITY],
    ] as const
  ).map(([part, from, to]) => {
    const f = clairvoyantSchedule(requests, start, slo, from, to);
    return [
      `${slo} s`,
      part,
      f.jobs.toLocaleString("en"),
      ratio(f.startRatio),
      ratio(f.idleRatio),
      ratio(f.workRatio),
    ];
  }),
);
const text = [
  "# Starts on the Alibaba job trace",
  "",
  "## A 30 s SLO",
  "",
  `${trace.requests.arrivals.length.toLocaleString("en")} jobs over ${((trace.counts.length * trace.bucketSeconds) / 86_400).toFixed(1)} days; tasks start in ${start} s, longer than the SLO, so a job that arrives while no task runs is late. A scaler that cannot know when the next job comes keeps a task T seconds after the fleet's last job ends; the table prices that (one task per running job, jobs' overlap not billed: floors). Regenerate with \`node packages/sim/bench/bench-cold-start.ts\`.`,
  "",
  markdownTable(
    [
      "kept after the fleet empties",
      "jobs arriving to an empty fleet",
      "at most in time",
      "idle ÷ work",
      "starts ÷ work",
      "workRatio floor",
    ],
    rows,
  ),
  "",
  reach
    ? `≥ 97 % in time needs T ≥ ${reach.keepSeconds} s of this grid, a workRatio of at least ${reach.workRatioFloor.toFixed(2)}×: the goal's 1.3× is out of reach for a scaler that keeps a task a set time after the fleet empties (Gantry's scale-to-zero idle time, KEDA's cooldown), before counting the jobs that arrive to a fleet busy with others.`
    : "No T of this grid leaves ≤ 3 % of jobs arriving to an empty fleet.",
  "",
  "## What knowing the future buys",
  "",
  `A reference, not a proven floor: a greedy schedule that knows every arrival launches each task one start before its first job (no job waits for a start) and serves each job, in arrival order, on the task that frees soonest within the job's SLO, else on the task idle for the shortest time under one start, else on a new task; a task idle for a start or longer is stopped. Every job is in time. The tuning part is the first ${(split / 86_400).toFixed(0)} days, the held-out part the rest.`,
  "",
  markdownTable(["SLO", "part", "jobs", "starts ÷ work", "idle ÷ work", "workRatio"], clairvoyantRows),
  "",
].join("\n");
console.log(text);
mkdirSync(values.out, { recursive: true });
writeFileSync(resolve(values.out, "cold-start.md"), text);
