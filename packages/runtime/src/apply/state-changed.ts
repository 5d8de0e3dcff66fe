import { isDeepStrictEqual } from "node:util";
import type { DecisionRecord, ScalingState, TargetRecord } from "@gantry/core";

type LiveRun = ScalingState["live"][string];

/** Reasons whose pass must be remembered even when nothing else changed (see needsStateWrite). */
const SCHEDULE_CODES: ReadonlySet<string> = new Set(["ScheduledActionApplied", "ScheduledScalingSuspended"]);

/**
 * Whether a pass that changes no capacity has anything to save (DESIGN §4 Cost: DynamoDB is written on change).
 * Clocks are not worth a write on their own: `evaluatedAt`, the decision's `at`, a live metric's last sample
 * (`lastAt`, the queue depth and growth rate it differences against) and the newest CloudWatch datapoint read
 * (`datapointBase`), break-even scale-in's history (`need`) and the last pass that saw no message waiting
 * (`emptyAt`) and the offered load's samples (`load`) move every pass or minute. The reconciler keeps them in memory instead (TargetMemory), so its
 * next decision starts from them; a decision that acts writes them with its claim, which is when the running
 * count a datapoint was first read at matters. Nor is a reason's wording: the stored last decision is the last
 * one that changed something (action, capacity, reason codes, the counts it saw).
 *
 * Written anyway: a due scheduled action (the next pass looks for actions due since `evaluatedAt`), and a live
 * scale-out run whose stored sample is a period old. A run continues only while samples are at most two periods
 * apart, so keeping the stored one under a period old lets a container that lost the memory (a cold start, the
 * alarm handler) carry the run on instead of restarting it and delaying the scale-out.
 */
export function needsStateWrite(
  record: TargetRecord,
  state: ScalingState,
  decision: DecisionRecord,
): boolean {
  if (record.state === undefined || record.lastDecision === undefined) return true;
  if (decision.reasons.some((r) => SCHEDULE_CODES.has(r.code))) return true;
  if (!isDeepStrictEqual(material(record.state), material(state))) return true;
  if (!isDeepStrictEqual(decisionGist(record.lastDecision), decisionGist(decision))) return true;
  return scaleOutRunAging(record, state, decision.at);
}

function material(state: ScalingState) {
  // `need` (break-even scale-in's hour of asked capacity) gains a bucket every 15 s: kept in memory like the
  // clocks, and written with the next write. A container that loses it starts its history again, so it keeps
  // fewer idle tasks for up to an hour; it never scales in anything it would otherwise keep. `emptyAt` (batched
  // launch from zero) moves every pass the queue is empty; a stored one is older, so a container that lost the
  // newer one takes the oldest message for older and launches sooner, never later. `launches` (minimum billed
  // time) only shrinks between scale-outs, which write anyway; a container that lost it stops holding scale-in for
  // tasks still starting, as without the setting. `load` (offered-load floor) gains a queue sample every 15 s; a
  // container that lost the newer one differences against the stored, older read (a valid average over the longer
  // interval), or starts afresh past a window, so it holds less, never more, for a window.
  const {
    evaluatedAt: _at,
    pending: _pending,
    datapointBase: _base,
    need: _need,
    emptyAt: _empty,
    launches: _launches,
    load: _load,
    live,
    ...rest
  } = state;
  const runs = Object.fromEntries(Object.entries(live).map(([name, run]) => [name, runOnly(run)]));
  return { ...rest, live: runs };
}

function runOnly(run: LiveRun): Pick<LiveRun, "outSince" | "inSince"> {
  return {
    ...(run.outSince !== undefined && { outSince: run.outSince }),
    ...(run.inSince !== undefined && { inSince: run.inSince }),
  };
}

function decisionGist(decision: DecisionRecord) {
  const { action, desiredCapacity, observed, dryRun, reasons } = decision;
  return { action, desiredCapacity, observed, dryRun, reasons: reasons.map((r) => [r.code, r.policy]) };
}

function scaleOutRunAging(record: TargetRecord, state: ScalingState, now: number): boolean {
  for (const [name, run] of Object.entries(state.live)) {
    if (run.outSince === undefined) continue;
    const stored = record.state?.live[name];
    if (stored === undefined || now - stored.lastAt >= periodMsOf(record, name)) return true;
  }
  return false;
}

function periodMsOf(record: TargetRecord, policyName: string): number {
  const policy = record.config.policies.find((p) => p.name === policyName);
  if (policy === undefined) return 0;
  return (
    (policy.type === "StepScaling" ? policy.alarm.periodSeconds : policy.evaluation.periodSeconds) * 1000
  );
}
