import { ACTIVITY_STATUSES, type Activity, ValidationError } from "@gantry/core";
import { CorruptItemError } from "./corrupt-item-error.ts";
import { toPlainJson } from "./store-context.ts";
import { activityKey, type ItemKey } from "./table-keys.ts";

/** Application Auto Scaling keeps activities 6 weeks [AWS]; DynamoDB's TTL deletes them after that. */
export const ACTIVITY_RETENTION_SECONDS = 6 * 7 * 24 * 3600;

export interface ActivityItem extends ItemKey {
  /** Epoch seconds, the TTL attribute. */
  expiresAt: number;
  activity: unknown;
}

export function activityExpiresAt(startTime: number): number {
  return Math.floor(startTime / 1000) + ACTIVITY_RETENTION_SECONDS;
}

/** The item for an activity; the same activityId gives the same key, so a status update overwrites it. */
export function toActivityItem(activity: Activity): ActivityItem {
  if (activity.activityId.length === 0) throw new ValidationError("must not be empty", "activityId");
  if (!Number.isFinite(activity.startTime) || activity.startTime < 0) {
    throw new ValidationError("must be epoch milliseconds", "startTime");
  }
  return {
    ...activityKey(activity.targetId, activity.activityId),
    expiresAt: activityExpiresAt(activity.startTime),
    activity: toPlainJson(activity),
  };
}

const ACTIONS = ["ScaleOut", "ScaleIn", "None"];
const STRINGS = ["targetId", "activityId", "statusMessage", "cause"] as const;
const NUMBERS = ["startTime", "fromCapacity", "toCapacity"] as const;

/** Activities are written only by Gantry, so a shape check (not a full schema) catches hand-edited items. */
export function readActivityItem(targetId: string, item: Partial<ActivityItem>): Activity {
  const problem = activityProblem(item.activity);
  if (problem) throw new CorruptItemError(targetId, `activity ${item.sk ?? "?"}: ${problem}`);
  return item.activity as Activity;
}

function activityProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return "not a map";
  const a = value as Record<string, unknown>;
  const wrongString = STRINGS.find((key) => typeof a[key] !== "string");
  if (wrongString) return `${wrongString} is not a string`;
  const wrongNumber = NUMBERS.find((key) => typeof a[key] !== "number");
  if (wrongNumber) return `${wrongNumber} is not a number`;
  if (a.endTime !== undefined && typeof a.endTime !== "number") return "endTime is not a number";
  if (!ACTIVITY_STATUSES.includes(a.status as Activity["status"]))
    return `unknown status ${String(a.status)}`;
  if (!ACTIONS.includes(a.action as string)) return `unknown action ${String(a.action)}`;
  if (!Array.isArray(a.reasons)) return "reasons is not a list";
  if (typeof a.dryRun !== "boolean") return "dryRun is not a boolean";
  return undefined;
}
