import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Context } from "aws-lambda";
import { type AlarmEvent, parseAlarmEvent } from "./alarm-event.ts";
import { AlarmFailureError, unreconciledTargets } from "./alarm-failure-error.ts";
import { resolveAlarmTarget } from "./alarm-targets.ts";
import { createAlarmDepsFromEnv } from "./deps-from-env.ts";
import type { AlarmDeps } from "./handler-deps.ts";
import { invocationDeadline } from "./invocation-deadline.ts";
import { lazy } from "./lazy.ts";
import { withGantryMiddleware } from "./middleware.ts";
import type { Observability } from "./observability.ts";
import { countOutcomes, type OutcomeCounts } from "./outcome-counts.ts";
import { createTracedObservability } from "./tracing.ts";

export type AlarmResult =
  | { ignored: string }
  | { targetId: string; eventId: string; outcomes: OutcomeCounts };

/** The alarm handler over injected dependencies (tests, `gantry dev`). */
export function createAlarmHandler(deps: AlarmDeps) {
  const complete = { ...deps, ...createTracedObservability(deps) };
  return withGantryMiddleware(
    (event: unknown, context: Context) => onAlarm(complete, event, context),
    complete,
  );
}

/**
 * Reconciles the alarm's target now. EventBridge delivers at least once and a redelivery keeps the event `id`,
 * so the id is passed on as the trigger's `eventId`: the reconciler applies a step once per event id per target
 * (recorded in the target's state under a conditional write), which makes a duplicate event harmless.
 */
async function onAlarm(
  deps: AlarmDeps & Observability,
  event: unknown,
  context: Context,
): Promise<AlarmResult> {
  const deadline = invocationDeadline(deps.clock, context);
  const alarm = parseAlarmEvent(event);
  deps.logger.appendKeys({ alarmName: alarm.detail.alarmName, eventId: alarm.id });
  const resolved = await resolveAlarmTarget(alarm, deps.alarmTargets, deps.alarmStage);
  if ("ignored" in resolved) {
    deps.metrics.addMetric("AlarmEventsIgnored", MetricUnit.Count, 1);
    deps.logger.info("alarm event ignored", { reason: resolved.ignored });
    return resolved;
  }
  deps.logger.appendKeys({ targetId: resolved.targetId });
  return reconcileAlarmTarget(deps, alarm, resolved.targetId, deadline);
}

/**
 * A failed or skipped target fails the invocation, so that Lambda retries the event and then queues it in
 * AlarmFailures. The error is thrown, not logged: the middleware logs it once.
 */
async function reconcileAlarmTarget(
  deps: AlarmDeps & Observability,
  alarm: AlarmEvent,
  targetId: string,
  deadline: number,
): Promise<AlarmResult> {
  const trigger = { type: "alarm" as const, eventId: alarm.id };
  const summary = await deps.reconciler.reconcile({ deadline, targetIds: [targetId], trigger });
  const unreconciled = unreconciledTargets(summary.outcomes);
  if (unreconciled.length > 0) {
    deps.metrics.addMetric("AlarmEventsFailed", MetricUnit.Count, 1);
    throw new AlarmFailureError(alarm.id, unreconciled);
  }
  const outcomes = countOutcomes(summary.outcomes);
  deps.metrics.addMetric("AlarmEventsReconciled", MetricUnit.Count, 1);
  deps.logger.info("alarm event reconciled", { outcomes });
  return { targetId, eventId: alarm.id, outcomes };
}

const observability = createTracedObservability();
const depsFromEnv = lazy(() => ({ ...createAlarmDepsFromEnv(process.env, observability), ...observability }));

/** Lambda entry point (`packages/functions/src/alarm.handler`); dependencies are built on first invocation. */
export const handler = withGantryMiddleware(
  (event: unknown, context: Context) => onAlarm(depsFromEnv(), event, context),
  observability,
);
