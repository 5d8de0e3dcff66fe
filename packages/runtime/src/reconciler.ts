import type { Activity, ClusterSnapshot, TargetRecord } from "@gantry/core";
import { capacityTargetId } from "./capacity/capacity-activity.ts";
import { runStageTwo } from "./capacity/stage-two.ts";
import { FailureStreaks } from "./failure-streaks.ts";
import { type LoadedTargets, loadTargets } from "./load-targets.ts";
import { AlarmSyncer } from "./pass-alarms.ts";
import { nextStart, PassCursor, rotate } from "./pass-order.ts";
import { logOutcomes, publish, report } from "./pass-report.ts";
import { type PassResults, reconcileAll } from "./reconcile-all.ts";
import type {
  ReconcileLogger,
  ReconcileOptions,
  Reconciler,
  ReconcilerDeps,
  ReconcileSummary,
} from "./reconciler-types.ts";
import { capacitySample } from "./series/capacity-sample.ts";
import { passSample } from "./series/pass-sample.ts";
import { SeriesRecorder } from "./series/series-recorder.ts";
import { TargetMemory } from "./target-memory.ts";
import { logProblems } from "./target-problems.ts";
import type { TargetResult } from "./target-run.ts";

export const DEFAULT_SAFETY_MS = 2_000;

const SILENT: ReconcileLogger = { info() {}, warn() {}, error() {} };

/** What a reconciler carries from pass to pass in its container; none of it is needed for correctness. */
interface Carried {
  memory: TargetMemory;
  cursor: PassCursor;
  alarms: AlarmSyncer;
  series: SeriesRecorder | undefined;
  streaks: FailureStreaks;
}

/**
 * The reconciler, independent of Lambda: candidates (the targets) → observe them all in batches → decide and
 * act per target → publish the activities. The same code runs in the tick and alarm handlers, in `npm start`
 * and against the simulator.
 */
export function createReconciler(deps: ReconcilerDeps): Reconciler {
  const log = deps.log ?? SILENT;
  const carried: Carried = {
    memory: new TargetMemory(),
    cursor: new PassCursor(deps.cursor, log),
    alarms: new AlarmSyncer(),
    series: deps.series ? new SeriesRecorder(deps.series, deps.seriesWindowMs) : undefined,
    streaks: new FailureStreaks(),
  };
  return {
    reconcile: (options) => reconcilePass(deps, options, carried, log),
    flushSeries: async () => carried.series?.flush(deps.clock.now(), "urgent", log, deps.telemetry),
  };
}

async function reconcilePass(
  deps: ReconcilerDeps,
  options: ReconcileOptions,
  carried: Carried,
  log: ReconcileLogger,
): Promise<ReconcileSummary> {
  const startedAt = deps.clock.now();
  const cutoff = options.deadline - (options.safetyMs ?? DEFAULT_SAFETY_MS);
  const full = options.targetIds === undefined;
  const [loaded, start] = await Promise.all([
    loadTargets(deps.store, options.targetIds),
    full ? carried.cursor.read() : undefined,
  ]);
  const { records, problems } = loaded;
  // A named corrupt target is a Failed outcome, logged as such; the others only show up here.
  if (full) logProblems(log, problems);
  const order = full ? rotate(records, start) : records;
  const pass = await reconcileAll(order, deps, options, cutoff, log, carried.memory);
  if (full) {
    const ids = new Set(records.map((r) => r.config.target.id));
    await leaveCursor(carried, order, pass.results, start, ids);
    if (carried.series) recordSeries(carried.series, records, ids, pass.observed, startedAt, deps, log);
  }
  const results = [...inOrderOf(records, pass.results), ...loaded.failed];
  const outcomes = results.map((r) => r.outcome);
  logOutcomes(log, outcomes, pass.resting);
  const onSnapshot = capacitySampler(carried.series, deps);
  const capacity = await runStageTwo(deps, options, records, results, cutoff, log, onSnapshot);
  await publish(deps, [...activitiesOf(results), ...(capacity?.activities ?? [])], log);
  if (full && options.syncAlarms !== false)
    await carried.alarms.sync(deps, loaded, cutoff, log, carried.memory);
  const finishedAt = deps.clock.now();
  report(deps, outcomes, finishedAt - startedAt, pass.resting);
  deps.telemetry?.record("CorruptItems", problems.length, "Count");
  if (full) deps.telemetry?.record("PersistentlyFailingTargets", carried.streaks.record(outcomes), "Count");
  return { startedAt, finishedAt, outcomes, problems, ...(capacity && { capacity: capacity.outcomes }) };
}

/** Offers every observed target's sample, then starts writing the buckets of the windows that are over. */
function recordSeries(
  recorder: SeriesRecorder,
  records: LoadedTargets["records"],
  ids: ReadonlySet<string>,
  observed: PassResults["observed"],
  at: number,
  deps: ReconcilerDeps,
  log: ReconcileLogger,
): void {
  for (const record of records) {
    const seen = observed.get(record.config.target.id);
    if (seen?.ok) recorder.offer(record.config.target.id, passSample(record.config, seen.observation, at));
  }
  recorder.keepOnly(ids);
  recorder.flushInBackground(at, "due", log, deps.telemetry);
}

/** Each capacity group's snapshot as a chart sample (`capacity/<name>`), when samples are recorded. */
function capacitySampler(recorder: SeriesRecorder | undefined, deps: ReconcilerDeps) {
  if (!recorder) return undefined;
  return (name: string, snapshot: ClusterSnapshot) =>
    recorder.offer(capacityTargetId(name), capacitySample(snapshot, deps.clock.now()));
}

/** The next full pass starts at the first target this one skipped; the memory of gone targets goes. */
async function leaveCursor(
  carried: Carried,
  order: readonly TargetRecord[],
  results: readonly TargetResult[],
  start: string | undefined,
  ids: ReadonlySet<string>,
): Promise<void> {
  const skipped = new Set(
    results.filter((r) => r.outcome.status === "Skipped").map((r) => r.outcome.targetId),
  );
  await carried.cursor.write(nextStart(order, skipped, start));
  carried.memory.keepOnly(ids);
}

/** Outcomes in the order the targets were loaded, whatever order the pass ran them in. */
function inOrderOf(records: readonly TargetRecord[], results: readonly TargetResult[]): TargetResult[] {
  const byId = new Map(results.map((r) => [r.outcome.targetId, r]));
  return records.map((r) => byId.get(r.config.target.id) as TargetResult);
}

function activitiesOf(results: readonly TargetResult[]): Activity[] {
  return results.flatMap((r) => r.activities);
}
