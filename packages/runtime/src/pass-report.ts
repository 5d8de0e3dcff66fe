import type { Activity } from "@gantry/core";
import { errorInfo } from "./error-info.ts";
import type { ReconcileLogger, ReconcilerDeps, TargetOutcome, TargetStatus } from "./reconciler-types.ts";

/**
 * One line per target that did or met something, and one summary line per pass. A pass that changes nothing for
 * most of 10,000 targets would otherwise log 10,000 lines every 15 s, billed by CloudWatch Logs per byte.
 */
export function logOutcomes(log: ReconcileLogger, outcomes: readonly TargetOutcome[], resting: number): void {
  const statuses: Partial<Record<TargetStatus, number>> = {};
  for (const outcome of outcomes) {
    statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
    logOutcome(log, outcome);
  }
  log.info("pass reconciled", { targets: outcomes.length, resting, statuses });
}

function logOutcome(log: ReconcileLogger, outcome: TargetOutcome): void {
  const fields = { ...outcome };
  if (outcome.status === "Failed") log.error("target failed", fields);
  else if (outcome.status === "Conflict") log.warn("target lost to a concurrent invocation", fields);
  else if (outcome.status === "Unknown") log.warn("target's change has an unknown outcome", fields);
  else if (outcome.status !== "Unchanged") log.info("target reconciled", fields);
}

/** One PutEvents for the pass; losing the events must not undo or fail the scaling they describe. */
export async function publish(deps: ReconcilerDeps, activities: readonly Activity[], log: ReconcileLogger) {
  if (activities.length === 0) return;
  try {
    await deps.events.publishActivities(activities);
  } catch (error) {
    log.error("publishing activities failed", { count: activities.length, ...errorInfo(error) });
    deps.telemetry?.record("ActivityPublishFailures", activities.length, "Count");
  }
}

const COUNTED: [string, (o: TargetOutcome) => boolean][] = [
  ["Decisions", (o) => o.status === "Successful" || o.status === "Unchanged" || o.status === "DryRun"],
  ["ScaleOuts", (o) => o.status === "Successful" && o.action === "ScaleOut"],
  ["ScaleIns", (o) => o.status === "Successful" && o.action === "ScaleIn"],
  ["DryRuns", (o) => o.status === "DryRun"],
  ["Failures", (o) => o.status === "Failed"],
  ["UnknownOutcomes", (o) => o.status === "Unknown"],
  ["Conflicts", (o) => o.status === "Conflict"],
  ["Skipped", (o) => o.status === "Skipped"],
];

/**
 * The pass's counters, aggregated. No per-target gauge: each distinct dimension value is a custom metric of its
 * own ($0.30 a month, billed for every month it receives a datapoint), which at 1,000 targets would cost more
 * than the rest of the control plane. A service's counts over time are Gantry's own samples (series/, the API's
 * series route), and each change is an activity and an EventBridge event.
 */
export function report(
  deps: ReconcilerDeps,
  outcomes: readonly TargetOutcome[],
  durationMs: number,
  resting: number,
): void {
  const telemetry = deps.telemetry;
  if (!telemetry) return;
  for (const [name, test] of COUNTED) telemetry.record(name, outcomes.filter(test).length, "Count");
  telemetry.record("RestingTargets", resting, "Count");
  telemetry.record("PassDuration", durationMs, "Milliseconds");
}
