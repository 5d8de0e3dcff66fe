// Every metric Gantry emits, declared once: the functions' metrics adapter takes each name's dimensions from here,
// and the SST app (infra/monitoring.ts) builds its alarms and dashboard from the same records. Pure data with no
// imports, so infra can load it at deploy time.

export type MetricUnitName = "Count" | "Milliseconds" | "None";

/** The extra dimension a per-entity gauge carries besides Powertools' `service`. */
export type EntityDimension = "TargetId" | "CapacityGroup" | "AwsService";

export interface MetricDescriptor {
  name: string;
  unit: MetricUnitName;
  /**
   * Dimensions beyond `service`. Each distinct value is a custom metric of its own ($0.30 a month), so only gauges
   * whose values must not merge across entities carry one; counters stay aggregated.
   */
  dimensions: readonly EntityDimension[];
  /** Which function emits it: the dashboard and alarms filter on the `service` dimension. */
  emittedBy: readonly FunctionService[];
  description: string;
}

/** The `service` dimension of each function (POWERTOOLS_SERVICE_NAME, set by infra/control-loop.ts). */
export const FUNCTION_SERVICES = {
  tick: "gantry-tick",
  alarm: "gantry-alarm",
  api: "gantry-api",
  backtest: "gantry-backtest",
} as const;
export type FunctionService = (typeof FUNCTION_SERVICES)[keyof typeof FUNCTION_SERVICES];

const RECONCILERS = [FUNCTION_SERVICES.tick, FUNCTION_SERVICES.alarm] as const;

const pass = (name: string, description: string): MetricDescriptor => ({
  name,
  unit: "Count",
  dimensions: [],
  emittedBy: RECONCILERS,
  description,
});

const handler = (name: string, service: FunctionService, description: string): MetricDescriptor => ({
  name,
  unit: "Count",
  dimensions: [],
  emittedBy: [service],
  description,
});

/** Keyed by name so a lookup is one property read. */
export const METRICS = {
  Decisions: pass("Decisions", "Targets decided in a pass (scaled, unchanged or dry run)."),
  ScaleOuts: pass("ScaleOuts", "Targets scaled out in a pass."),
  ScaleIns: pass("ScaleIns", "Targets scaled in in a pass."),
  DryRuns: pass("DryRuns", "Targets whose decision was only recorded (dry run)."),
  Failures: pass("Failures", "Targets that failed in a pass."),
  PersistentlyFailingTargets: pass(
    "PersistentlyFailingTargets",
    "Targets that failed the last 12 full passes in a row (3 minutes), counted each full pass.",
  ),
  UnknownOutcomes: pass("UnknownOutcomes", "Targets whose write has an unknown outcome, settled next pass."),
  Conflicts: pass("Conflicts", "Targets lost to a concurrent invocation."),
  Skipped: pass("Skipped", "Targets not reached before the deadline."),
  RestingTargets: pass("RestingTargets", "Targets with nothing to observe this pass."),
  PassDuration: {
    name: "PassDuration",
    unit: "Milliseconds",
    dimensions: [],
    emittedBy: RECONCILERS,
    description: "Wall time of one reconcile pass.",
  },
  ActivityPublishFailures: pass("ActivityPublishFailures", "Activities EventBridge did not accept."),
  ApplicationAutoScalingCheckFailures: pass(
    "ApplicationAutoScalingCheckFailures",
    "Passes that could not tell which services Application Auto Scaling still scales (and scaled them all).",
  ),
  SeriesWrites: pass("SeriesWrites", "Chart sample buckets written (one per target-minute that moved)."),
  SeriesWriteFailures: pass("SeriesWriteFailures", "Chart sample buckets that could not be written."),
  ArrivalHistoryReads: pass(
    "ArrivalHistoryReads",
    "Queue arrival histories read for predictive targets (one GetMetricData metric each).",
  ),
  ArrivalHistoryFailures: pass(
    "ArrivalHistoryFailures",
    "Arrival history reads that failed (the target decided without its forecast).",
  ),
  CorruptItems: pass("CorruptItems", "State items that could not be read (see `problems` in the API)."),
  AlarmsCreated: pass("AlarmsCreated", "Managed CloudWatch alarms created by the alarm sync."),
  AlarmsDeleted: pass("AlarmsDeleted", "Managed CloudWatch alarms deleted by the alarm sync."),
  AlarmSyncFailures: pass("AlarmSyncFailures", "Managed alarms the sync failed to write or delete."),
  CapacityScaleOuts: pass("CapacityScaleOuts", "Capacity groups scaled out in a pass."),
  CapacityScaleIns: pass("CapacityScaleIns", "Capacity groups scaled in in a pass."),
  CapacityFailures: pass("CapacityFailures", "Capacity groups that failed, or a failed capacity stage."),
  DesiredInstances: {
    name: "DesiredInstances",
    unit: "None",
    dimensions: ["CapacityGroup"],
    emittedBy: RECONCILERS,
    description: "Instances a capacity group should run after the pass, per group.",
  },
  AwsCalls: {
    name: "AwsCalls",
    unit: "Count",
    dimensions: ["AwsService"],
    emittedBy: [FUNCTION_SERVICES.tick, FUNCTION_SERVICES.alarm],
    description: "Requests sent per SDK client (ecs, cloudWatch, sqs, …), retries included, per invocation.",
  },
  TickPasses: handler("TickPasses", FUNCTION_SERVICES.tick, "Passes one tick invocation completed."),
  AlarmEventsReconciled: handler("AlarmEventsReconciled", FUNCTION_SERVICES.alarm, "Alarm events acted on."),
  AlarmEventsIgnored: handler("AlarmEventsIgnored", FUNCTION_SERVICES.alarm, "Alarm events for no target."),
  AlarmEventsFailed: handler("AlarmEventsFailed", FUNCTION_SERVICES.alarm, "Alarm events that failed."),
  ApiRequests: handler("ApiRequests", FUNCTION_SERVICES.api, "API requests answered below 500."),
  ApiServerErrors: handler("ApiServerErrors", FUNCTION_SERVICES.api, "API requests answered with a 5xx."),
  ColdStart: {
    name: "ColdStart",
    unit: "Count",
    dimensions: [],
    emittedBy: Object.values(FUNCTION_SERVICES),
    description: "Cold starts (Powertools' logMetrics middleware; also dimensioned by function_name).",
  },
} as const satisfies Record<string, MetricDescriptor>;

export type MetricName = keyof typeof METRICS;

/** The descriptor of a name, or undefined for a name nobody declared. */
export function metricDescriptor(name: string): MetricDescriptor | undefined {
  return Object.hasOwn(METRICS, name) ? METRICS[name as MetricName] : undefined;
}
