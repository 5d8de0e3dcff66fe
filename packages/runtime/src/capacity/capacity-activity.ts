import type { Activity, CapacityAction, CapacityReason } from "@gantry/core";
import { type ActivityInput, toActivity } from "../activity-record.ts";
import type { Applied } from "./apply-capacity-plan.ts";

/** Unknown: SetDesiredCapacity's outcome is unknown; its activity is InProgress until the next pass settles it. */
export type CapacityStatus = "Successful" | "Unchanged" | "Failed" | "Conflict" | "Unknown";

/** What stage 2 did for one group or capacity provider. Counts are usable instances (not draining). */
export interface CapacityOutcome {
  name: string;
  /** `capacity/<name>`: the activity log's id for the group, beside the services' `service/…` ids. */
  targetId: string;
  status: CapacityStatus;
  action: CapacityAction;
  fromInstances: number;
  toInstances: number;
  drained: string[];
  terminated: string[];
  reasons: CapacityReason[];
  activityId?: string;
  error?: { code: string; message: string };
}

export function capacityTargetId(name: string): string {
  return `capacity/${name}`;
}

/** Anything that changed the group or its instances gets an activity; a quiet hold is only logged. */
export function changed(applied: Applied, step: number): boolean {
  const lists = [applied.drained, applied.terminated, applied.protected, applied.unprotected];
  return step !== 0 || lists.some((l) => l.length > 0);
}

/**
 * The activity for a capacity change. Its `reasons` stay empty because they hold the services' reason codes; the
 * cluster stage's codes (CapacityNeeded, DrainInstances, …) are spelled out in `statusMessage`.
 */
export function capacityActivity(
  outcome: CapacityOutcome,
  applied: Applied | undefined,
  times: { startTime: number; endTime: number; cause: string },
  randomId: string,
): Activity {
  const parts = [`instances ${outcome.fromInstances} → ${outcome.toInstances}`];
  if (applied) parts.push(`group desired ${applied.groupDesired}`);
  if (outcome.drained.length > 0) parts.push(`drained ${outcome.drained.join(", ")}`);
  if (outcome.terminated.length > 0) parts.push(`terminated ${outcome.terminated.join(", ")}`);
  if (applied?.protected.length) parts.push(`protected ${applied.protected.join(", ")}`);
  if (applied?.unprotected.length) parts.push(`unprotected ${applied.unprotected.join(", ")}`);
  const why = outcome.reasons.map((r) => `${r.code}: ${r.message}`);
  const failure = outcome.error ? [`${outcome.error.code}: ${outcome.error.message}`] : [];
  const input: ActivityInput = {
    targetId: outcome.targetId,
    ...times,
    status: outcome.status === "Failed" ? "Failed" : "Successful",
    statusMessage: [...failure, parts.join("; "), ...why].join(" | "),
    action: outcome.action,
    fromCapacity: outcome.fromInstances,
    toCapacity: outcome.toInstances,
    reasons: [],
    dryRun: false,
  };
  return toActivity(input, randomId);
}
