// A target's desired count set by hand: clamped to [min, max], applied through ECS, recorded as an activity.
import {
  type Activity,
  type Clock,
  type EcsPort,
  GantryError,
  NotFoundError,
  type Reason,
  type ScalingAction,
  type StateStore,
  type TargetRecord,
} from "@gantry/core";
import { activityIdAt } from "../activity-record.ts";

export interface DesiredCountDeps {
  store: StateStore;
  /** Without it, setting a count answers NotConfigured (501). */
  ecs?: EcsPort | undefined;
  clock: Clock;
  /** The random part of the activity id. */
  randomId: () => string;
  logger: { error(message: string, fields: Record<string, unknown>): void };
}

/** A clamp explains itself: the value, the reason code when it bit, and a sentence. */
export interface Clamp {
  value: number;
  reason: Reason | undefined;
  message: string;
}

export function clampDesired(requested: number, min: number, max: number): Clamp {
  if (requested > max) {
    const message = `requested ${requested}, clamped to maxCapacity ${max}`;
    return { value: max, reason: { code: "AboveMaxCapacity", message }, message };
  }
  if (requested < min) {
    const message = `requested ${requested}, clamped to minCapacity ${min}`;
    return { value: min, reason: { code: "BelowMinCapacity", message }, message };
  }
  return { value: requested, reason: undefined, message: `set to ${requested} as requested` };
}

export interface DesiredCountResult {
  targetId: string;
  requestedDesiredCount: number;
  desiredCount: number;
  previousDesiredCount: number;
  clamped: boolean;
  message: string;
  activity: Activity;
}

/**
 * Reads the current count first (404 when ECS does not know the service: nothing attempted, nothing recorded),
 * then UpdateService. Its outcome is recorded either way; a failure is UpstreamFailed (502). A manual change
 * is applied even in dry-run mode: dry run holds back Gantry's decisions, not an operator's.
 */
export async function setDesiredCount(
  deps: DesiredCountDeps,
  record: TargetRecord,
  requested: number,
): Promise<DesiredCountResult> {
  const ecs = deps.ecs;
  if (!ecs) throw new GantryError("NotConfigured", "this API has no ECS access to set desired counts");
  const { id, minCapacity, maxCapacity } = record.config.target;
  const previous = await currentDesired(ecs, id);
  const clamp = clampDesired(requested, minCapacity, maxCapacity);
  const facts = { id, startTime: deps.clock.now(), previous, clamp };
  try {
    await ecs.setDesiredCount(id, clamp.value);
  } catch (error) {
    const { code, message } = describe(error);
    const failed = { ...facts, status: "Failed" as const, detail: `${code}: ${message}` };
    const activity = await recordActivity(deps, failed);
    const text = `ecs:UpdateService failed (${code}); see activity ${activity.activityId}`;
    throw new GantryError("UpstreamFailed", text, undefined, { cause: error });
  }
  const activity = await recordActivity(deps, { ...facts, status: "Successful" });
  return {
    targetId: id,
    requestedDesiredCount: requested,
    desiredCount: clamp.value,
    previousDesiredCount: previous,
    clamped: clamp.reason !== undefined,
    message: clamp.message,
    activity,
  };
}

/**
 * Throttling and a missing service or cluster keep their meaning (429, 404); any other failure is upstream's
 * (502), whether the call threw or ECS failed this id.
 */
async function currentDesired(ecs: EcsPort, id: string): Promise<number> {
  let described: Awaited<ReturnType<EcsPort["describeServices"]>>;
  try {
    described = await ecs.describeServices([id]);
    const failed = described.failed.find((f) => f.id === id);
    if (failed) throw failed.error;
  } catch (error) {
    const { code } = describe(error);
    if (code === "Throttled" || code === "NotFound") throw error;
    throw new GantryError("UpstreamFailed", `ecs:DescribeServices failed (${code})`, undefined, {
      cause: error,
    });
  }
  const service = described.services.find((s) => s.id === id);
  if (!service) throw new NotFoundError(`ECS does not know the service of ${id}`);
  return service.desiredCount;
}

interface ActivityFacts {
  id: string;
  startTime: number;
  previous: number;
  clamp: Clamp;
  status: "Successful" | "Failed";
  detail?: string;
}

/**
 * The activity for a manual change, with the reconciler's id format, so they sort together. As in the
 * reconciler, failing to store it does not turn a change that happened into a failure: it is logged.
 */
async function recordActivity(deps: DesiredCountDeps, facts: ActivityFacts): Promise<Activity> {
  const { id, startTime, previous, clamp, status } = facts;
  const change = `desiredCount ${previous} → ${clamp.value} by API (${clamp.message})`;
  const activity: Activity = {
    targetId: id,
    activityId: activityIdAt(startTime, deps.randomId()),
    startTime,
    endTime: deps.clock.now(),
    status,
    statusMessage: status === "Successful" ? change : `${change} failed: ${facts.detail}`,
    action: actionOf(previous, clamp.value),
    fromCapacity: previous,
    toCapacity: clamp.value,
    reasons: clamp.reason ? [clamp.reason] : [],
    dryRun: false,
    cause: "api",
  };
  try {
    await deps.store.putActivity(activity);
  } catch (error) {
    deps.logger.error("recording the activity failed", { targetId: id, error });
  }
  return activity;
}

function actionOf(from: number, to: number): ScalingAction {
  if (to > from) return "ScaleOut";
  return to < from ? "ScaleIn" : "None";
}

function describe(error: unknown): { code: string; message: string } {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return {
    code: typeof code === "string" ? code : "Error",
    message: typeof message === "string" ? message : String(error),
  };
}
