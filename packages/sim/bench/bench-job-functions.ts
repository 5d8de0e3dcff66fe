// `node packages/sim/bench/bench-job-functions.ts`: a check of the offered-load floor on job-like loads it was not
// derived from (it was chosen on Alibaba's jobs alone). The bursty Azure Functions 2019 functions (not timers,
// 200–6,000 invocations in the 8 hours, more than 2.5 per minute they ran) are each read as a queue of jobs of
// --processing seconds (default 20), SLO --slo (default 30), tasks starting in 45 s: gantry's worker profile with
// and without the floor, and KEDA at queueLength 1 and 2. Prints one line per function and scaler.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { covers, type TradeOff } from "../src/bench/pareto.ts";
import { runSimulation } from "../src/engine/run-simulation.ts";
import { createGantryScaler } from "../src/scalers/gantry.ts";
import { createKeda } from "../src/scalers/keda.ts";
import type { Scaler } from "../src/scalers/scaler.ts";
import { readCsv } from "../src/traces/csv-lines.ts";
import { loadTrace } from "../src/traces/load-trace.ts";

const START_SECONDS = 45;
const repo = resolve(import.meta.dirname, "../../..");
const { values } = parseArgs({
  options: {
    processing: { type: "string", default: "20" },
    slo: { type: "string", default: "30" },
    traces: { type: "string", default: resolve(repo, "../shared/traces") },
  },
});
const processing = Number(values.processing);
const sloSeconds = Number(values.slo);
const folder = resolve(values.traces, "azure-functions-2019");
const bounds = { minCapacity: 0, maxCapacity: 500 };

/** HashFunction of the bursty, non-timer functions of the sample. */
function burstyFunctions(): string[] {
  const table = readCsv(readFileSync(resolve(folder, "invocations.csv"), "utf8"), "invocations.csv");
  return table.rows
    .filter(({ cells }) => cells[3] !== "timer")
    .filter(({ cells }) => {
      const minutes = cells.slice(4).map(Number);
      const total = minutes.reduce((a, b) => a + b, 0);
      const active = minutes.filter((m) => m > 0).length;
      return total >= 200 && total <= 6000 && total / active > 2.5;
    })
    .map(({ cells }) => cells[2] ?? "");
}

function scalers(): Record<string, Scaler> {
  const slo = { latencySeconds: sloSeconds, processingTimeSeconds: processing };
  const gantry = { bounds, slo, taskStartSeconds: START_SECONDS };
  return {
    "gantry, floor": createGantryScaler({ ...gantry, loadFloor: true }),
    "gantry, no floor": createGantryScaler({ ...gantry, loadFloor: false }),
    "keda queueLength 1": createKeda({ bounds, queueLength: 1 }),
    "keda queueLength 2": createKeda({ bounds, queueLength: 2 }),
  };
}

/** a at least as good as b on both axes, and better on one. */
const dominates = (a: TradeOff, b: TradeOff) => covers(a, b) && !covers(b, a);

console.log(`${processing} s jobs, SLO ${sloSeconds} s, tasks start in ${START_SECONDS} s, seed 0`);
const tally = { better: 0, worse: 0, same: 0, trade: 0, overKeda: 0, fewerInTime: 0 };
const costs: number[] = [];
const functions = burstyFunctions();
for (const fn of functions) {
  const trace = loadTrace(folder, { function: fn });
  const points: Record<string, TradeOff> = {};
  for (const [name, scaler] of Object.entries(scalers())) {
    const r = runSimulation({
      trace,
      scaler,
      bounds,
      sloSeconds,
      processingTimeSeconds: processing,
      taskStartupSeconds: START_SECONDS,
      visibilityTimeoutSeconds: 900,
    });
    points[name] = r;
    const figures = `${r.withinSloPct.toFixed(2).padStart(6)} % in SLO at ${r.workRatio?.toFixed(2)}× the work`;
    console.log(
      `${fn.slice(0, 8)}  ${name.padEnd(18)} ${figures}, relaunch ${r.relaunchesWithin3MinPct.toFixed(1)} %`,
    );
  }
  const [floor, plain, keda] = ["gantry, floor", "gantry, no floor", "keda queueLength 1"].map(
    (name) => points[name] as TradeOff,
  ) as [TradeOff, TradeOff, TradeOff];
  if (covers(floor, plain) && covers(plain, floor)) tally.same++;
  else if (dominates(floor, plain)) tally.better++;
  else if (dominates(plain, floor)) tally.worse++;
  else tally.trade++;
  if (dominates(floor, keda)) tally.overKeda++;
  if (floor.withinSloPct < plain.withinSloPct) tally.fewerInTime++;
  costs.push((floor.workRatio ?? Number.NaN) / (plain.workRatio ?? Number.NaN));
}
console.log(
  `\nThe floor against none, over ${functions.length} functions: better on both axes ${tally.better}, ` +
    `worse on both ${tally.worse}, a trade ${tally.trade}, identical ${tally.same}; fewer in time on ` +
    `${tally.fewerInTime}; cost ${Math.min(...costs).toFixed(2)}–${Math.max(...costs).toFixed(2)}× as much. ` +
    `Gantry with the floor dominates KEDA's queueLength 1 on ${tally.overKeda}.`,
);
