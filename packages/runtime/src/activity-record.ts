import type { Activity, Decision, DecisionRecord, Observation, Trigger } from "@gantry/core";

/** What invoked the decision, in the Activity's words: `schedule`, `alarm:<event id>`, `manual`. */
export function causeOf(trigger: Trigger | undefined): string {
  if (trigger === undefined) return "schedule";
  return trigger.eventId === undefined ? trigger.type : `${trigger.type}:${trigger.eventId}`;
}

/** The decision as stored beside the state, for dashboards and `gantry explain`. */
export function toDecisionRecord(
  decision: Decision,
  observation: Observation,
  at: number,
  dryRun: boolean,
): DecisionRecord {
  return {
    at,
    desiredCapacity: decision.desiredCapacity,
    action: decision.action,
    reasons: decision.reasons.map((r) => ({ ...r })),
    observed: {
      desiredCount: observation.desiredCount,
      runningCount: observation.runningCount,
      pendingCount: observation.pendingCount,
    },
    dryRun,
  };
}

/** An activity before it has an id; the reconciler always knows when it ended. */
export type ActivityInput = Omit<Activity, "activityId" | "endTime"> & { endTime: number };

/** An activity id sorts by start time and stays unique across concurrent invocations: `<ISO start>#<random>`. */
export function activityIdAt(startTime: number, randomId: string): string {
  return `${new Date(startTime).toISOString()}#${randomId}`;
}

export function toActivity(input: ActivityInput, randomId: string): Activity {
  return { activityId: activityIdAt(input.startTime, randomId), ...input };
}
