import type { Activity, Observation, PendingChange, ScalingState, TargetRecord } from "@gantry/core";
import type { TargetOutcome } from "../reconciler-types.ts";
import type { Attempt, TargetRun } from "../target-run.ts";
import { storeActivity } from "./target-activity.ts";

/**
 * How long a claimed change belongs to the invocation that claimed it: longer than a tick invocation runs, so
 * another invocation never settles a change that is still being applied.
 */
export const PENDING_GRACE_MS = 90_000;

/** The marker a claim carries for a change it is about to apply. */
export function pendingFor(attempt: Attempt, cause: string): PendingChange {
  const { decision, observation, now, activityId } = attempt;
  return {
    activityId,
    startTime: now,
    action: decision.action === "ScaleIn" ? "ScaleIn" : "ScaleOut",
    fromCapacity: observation.desiredCount,
    toCapacity: decision.desiredCapacity,
    cause,
    reasons: decision.reasons.slice(0, 64).map((r) => ({ ...r })),
    settleAfter: now + PENDING_GRACE_MS,
  };
}

export function withPending(state: ScalingState, pending: PendingChange | undefined): ScalingState {
  const { pending: _dropped, ...rest } = state;
  return pending === undefined ? rest : { ...rest, pending };
}

export type Settlement =
  | { kind: "none" }
  /** Another invocation claimed a change moments ago and may still be applying it. */
  | { kind: "busy"; pending: PendingChange }
  | { kind: "settled"; activity: Activity; fresh: boolean; error?: TargetOutcome["error"] };

/**
 * A change left pending (a pass cut short, or an UpdateService whose outcome was unknown) is settled from the
 * service's real desired count: Successful when it shows the change, else Failed. Never re-applied.
 */
export async function settlePending(
  record: TargetRecord,
  observation: Observation | undefined,
  run: TargetRun,
): Promise<Settlement> {
  const pending = record.state?.pending;
  if (pending === undefined || observation === undefined) return { kind: "none" };
  if (run.clock.now() < pending.settleAfter) return { kind: "busy", pending };
  const took = observation.desiredCount === pending.toCapacity;
  const statusMessage = took
    ? `desiredCount ${pending.fromCapacity} → ${pending.toCapacity}, confirmed by a later observation`
    : `UpdateService did not take effect: desiredCount is ${observation.desiredCount}, not ${pending.toCapacity}`;
  const activity: Activity = {
    targetId: record.config.target.id,
    activityId: pending.activityId,
    startTime: pending.startTime,
    endTime: run.clock.now(),
    status: took ? "Successful" : "Failed",
    statusMessage,
    action: pending.action,
    fromCapacity: pending.fromCapacity,
    toCapacity: pending.toCapacity,
    reasons: pending.reasons,
    dryRun: false,
    cause: pending.cause,
  };
  run.log.info("settled a pending change", { targetId: activity.targetId, status: activity.status });
  return { kind: "settled", ...(await storeActivity(activity, run, { fold: false })) };
}
