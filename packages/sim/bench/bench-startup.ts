// `node packages/sim/bench/bench-startup.ts`: Gantry's startup-aware worker profile on the shared traces at a
// given SLO, on the tuning part (the first 75 % of each trace) or the validation part (the rest, with the
// arrivals before it handed over as the history a deployed Gantry would read from CloudWatch).
// Options: --slo S (default 30), --part tune|valid|both, --only ID[,ID], --profile plain,keep,predict,startup (or both),
// --traces DIR, --json.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { benchBounds } from "../src/bench/bench-bounds.ts";
import { SCENARIOS } from "../src/bench/scenarios.ts";
import { runSimulation } from "../src/engine/run-simulation.ts";
import { fluidTasksPerMinute } from "../src/scalers/fluid-bound.ts";
import { createGantryScaler, DEFAULT_TUNING, defaultWorkerConfig } from "../src/scalers/gantry.ts";
import { arrivalHistoryBefore, splitTrace } from "../src/scalers/gantry-history.ts";
import { loadTrace } from "../src/traces/load-trace.ts";
import { averageProcessingSeconds } from "../src/traces/trace.ts";

const repo = resolve(import.meta.dirname, "../../..");
const { values } = parseArgs({
  options: {
    slo: { type: "string", default: "30" },
    part: { type: "string", default: "both" },
    only: { type: "string" },
    profile: { type: "string", default: "both" },
    traces: { type: "string", default: resolve(repo, "../shared/traces") },
    json: { type: "boolean", default: false },
    "keep-seconds": { type: "string" },
    util: { type: "string" },
    target: { type: "string" },
    drain: { type: "string" },
    "max-error": { type: "string" },
  },
});
const slo = Number(values.slo);
const parts = values.part === "both" ? ["tune", "valid"] : [values.part as string];
const profiles = values.profile === "both" ? ["plain", "startup"] : (values.profile as string).split(",");
const only = values.only?.split(",");
const rows = [];
for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.id))) {
  const full = loadTrace(resolve(values.traces, scenario.trace), scenario.load);
  const processing = scenario.processingSeconds ?? full.processingTimeSeconds ?? 1;
  const peak = fluidTasksPerMinute(full, processing).reduce((a, b) => Math.max(a, b), 0);
  const bounds = benchBounds("gantry", peak);
  const split = splitTrace(full, 0.75);
  for (const part of parts) {
    const trace = part === "tune" ? split.tune : split.valid;
    const startMs = trace.startTime === undefined ? 0 : Date.parse(trace.startTime);
    const history = part === "tune" ? undefined : arrivalHistoryBefore(full, split.validFromSeconds, startMs);
    for (const profile of profiles) {
      const started = performance.now();
      const options = {
        bounds,
        slo: { latencySeconds: slo, processingTimeSeconds: averageProcessingSeconds(trace, processing) },
        taskStartSeconds: 45,
        startupAware: profile !== "plain",
        ...((values.target || values.drain) && {
          tuning: {
            ...DEFAULT_TUNING,
            ...(values.target && { targetPercent: Number(values.target) }),
            ...(values.drain && { drainFraction: Number(values.drain) }),
          },
        }),
        ...(history && { arrivalHistory: history }),
      };
      const config = defaultWorkerConfig(options, options.tuning);
      const startup = config.behavior?.startup;
      if (startup && profile === "keep") delete startup.predictive;
      if (startup && profile === "predict") startup.breakEvenScaleIn = false;
      if (startup && values["keep-seconds"]) startup.taskStartSeconds = Number(values["keep-seconds"]);
      if (startup?.predictive && values.util)
        startup.predictive.targetUtilizationPercent = Number(values.util);
      if (startup?.predictive && values["max-error"])
        startup.predictive.maxErrorRatio = Number(values["max-error"]);
      const scaler = createGantryScaler({ ...options, config });
      const r = runSimulation({
        trace,
        scaler,
        bounds,
        sloSeconds: slo,
        visibilityTimeoutSeconds: 900,
        ...(scenario.processingSeconds !== undefined && {
          processingTimeSeconds: scenario.processingSeconds,
        }),
      });
      const row = {
        trace: scenario.id,
        part,
        profile,
        slo,
        withinSloPct: r.withinSloPct,
        workRatio: r.workRatio,
        taskHours: r.taskSeconds / 3600,
        launches: r.launches,
        relaunchPct: r.relaunchesWithin3MinPct,
        p99WaitS: r.p99WaitS,
        runSeconds: (performance.now() - started) / 1000,
      };
      rows.push(row);
      console.error(
        `${row.trace.padEnd(28)} ${part.padEnd(5)} ${profile.padEnd(7)} SLO ${slo}: ${row.withinSloPct.toFixed(2).padStart(6)} % in SLO, workRatio ${row.workRatio?.toFixed(3)}, relaunch ${row.relaunchPct.toFixed(1)} % of ${row.launches}, p99 ${row.p99WaitS.toFixed(1)} s (${row.runSeconds.toFixed(0)} s)`,
      );
    }
  }
}
if (values.json) console.log(JSON.stringify(rows, null, 2));
