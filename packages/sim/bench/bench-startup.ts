// `node packages/sim/bench/bench-startup.ts`: Gantry's worker profile with and without startup-aware scaling on
// the shared traces at a given SLO, 45 s starts. Each run covers the whole trace and is scored on its tuning part
// and on its held-out validation part (traces/held-out.ts): the fleet and the arrival history carry over, no knob
// is chosen on the held-out days. --tune-only runs the tuning part alone (what tuning may look at).
// Options: --slo S (default 30), --only ID[,ID], --profile plain,keep,batch,predict,startup,floor,default (default
// plain,default), --target T (the worker policy's target, percent; default derived from the SLO), --tune-only, --json,
// --minimum-billed S (a stopped task bills at least S seconds, as Fargate's minute; the profile then does not cancel
// starting tasks), --sub-tick S (seconds between gantry's passes, the deploy's SUB_TICK_SECONDS; default 15).
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { benchBounds } from "../src/bench/bench-bounds.ts";
import { SCENARIOS } from "../src/bench/scenarios.ts";
import { runSimulation } from "../src/engine/run-simulation.ts";
import type { WindowFigures } from "../src/engine/score-window.ts";
import { fluidTasksPerMinute } from "../src/scalers/fluid-bound.ts";
import {
  createGantryScaler,
  DEFAULT_TUNING,
  type GantryScalerOptions,
  subTickIntervalSeconds,
} from "../src/scalers/gantry.ts";
import { heldOutSplitSeconds, tracePart } from "../src/traces/held-out.ts";
import { loadTrace } from "../src/traces/load-trace.ts";
import { averageProcessingSeconds, type Trace } from "../src/traces/trace.ts";

const START_SECONDS = 45;
const repo = resolve(import.meta.dirname, "../../..");
const { values } = parseArgs({
  options: {
    slo: { type: "string", default: "30" },
    only: { type: "string" },
    profile: { type: "string", default: "plain,default" },
    target: { type: "string" },
    "tune-only": { type: "boolean", default: false },
    traces: { type: "string", default: resolve(repo, "../shared/traces") },
    json: { type: "boolean", default: false },
    "minimum-billed": { type: "string", default: "0" },
    "sub-tick": { type: "string", default: "15" },
  },
});
const slo = Number(values.slo);
const minimumBilledSeconds = Number(values["minimum-billed"]);
const subTick = Number(values["sub-tick"]);
if (!Number.isInteger(subTick) || subTick < 0 || subTick > 60) {
  throw new Error(
    `--sub-tick must be whole seconds in [0, 60] (0: one pass a minute), got "${values["sub-tick"]}"`,
  );
}
const intervalSeconds = subTickIntervalSeconds(subTick);
const profiles = (values.profile as string).split(",");
const only = values.only?.split(",");

/**
 * The worker profile: plain, break-even scale-in only (keep), with batched launch from zero (batch), predictive
 * only (predict), all three (startup), batch with the offered-load floor (floor), or as it defaults for the SLO
 * (default: batch, and the floor where holdsOfferedLoad). Only "default" derives the floor; the others set it.
 */
function scalerFor(profile: string, options: GantryScalerOptions) {
  const breakEvenScaleIn = ["keep", "batch", "startup", "floor", "default"].includes(profile);
  const batchFromZero = ["batch", "startup", "floor", "default"].includes(profile);
  const predictive = profile === "predict" || profile === "startup";
  const loadFloor = profile === "default" ? {} : { loadFloor: profile === "floor" };
  return createGantryScaler({ ...options, breakEvenScaleIn, batchFromZero, predictive, ...loadFloor });
}

function line(trace: string, part: string, profile: string, f: WindowFigures): string {
  return `${trace.padEnd(28)} ${part.padEnd(8)} ${profile.padEnd(7)} SLO ${slo}: ${f.withinSloPct.toFixed(2).padStart(6)} % in SLO, workRatio ${f.workRatio?.toFixed(3)}, relaunch ${f.relaunchesWithin3MinPct.toFixed(1)} % of ${f.launches} (starts ${((f.launches * START_SECONDS) / f.workTaskSeconds).toFixed(3)}× work), p99 ${f.p99WaitS.toFixed(1)} s`;
}

const rows: unknown[] = [];
for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.id))) {
  const full = loadTrace(resolve(values.traces, scenario.trace), scenario.load);
  const processing = scenario.processingSeconds ?? full.processingTimeSeconds ?? 1;
  const peak = fluidTasksPerMinute(full, processing).reduce((a, b) => Math.max(a, b), 0);
  const bounds = benchBounds("gantry", peak);
  const trace: Trace = values["tune-only"] ? tracePart(full, "tune") : full;
  for (const profile of profiles) {
    const options: GantryScalerOptions = {
      bounds,
      slo: { latencySeconds: slo, processingTimeSeconds: averageProcessingSeconds(full, processing) },
      taskStartSeconds: START_SECONDS,
      intervalSeconds,
      ...(minimumBilledSeconds > 0 && { minimumBilledSeconds }),
      ...(values.target && { tuning: { ...DEFAULT_TUNING, targetPercent: Number(values.target) } }),
    };

    const result = runSimulation({
      trace,
      scaler: scalerFor(profile, options),
      bounds,
      sloSeconds: slo,
      visibilityTimeoutSeconds: 900,
      minimumBilledSeconds,
      ...(!values["tune-only"] && { splitAtSeconds: heldOutSplitSeconds(full) }),
      ...(scenario.processingSeconds !== undefined && { processingTimeSeconds: scenario.processingSeconds }),
    });
    const parts: [string, WindowFigures][] = result.parts
      ? [
          ["tune", result.parts.tune],
          ["validate", result.parts.validate],
        ]
      : [["tune", result]];
    for (const [part, figures] of parts) {
      rows.push({ trace: scenario.id, part, profile, slo, target: values.target ?? "derived", ...figures });
      console.error(line(scenario.id, part, profile, figures));
    }
  }
}
if (values.json) console.log(JSON.stringify(rows, null, 2));
