export {
  alarmNamePrefix,
  alarmNameStage,
  isStageAlarm,
  MANAGED_ALARM_PREFIX,
  MAX_STAGE_LENGTH,
  managedAlarmName,
  stageProblem,
} from "./alarm-names.ts";
export { type AlarmSyncOptions, type AlarmSyncResult, syncAlarms } from "./alarm-sync.ts";
export {
  type CapacityOutcome,
  type CapacityStatus,
  capacityTargetId,
} from "./capacity/capacity-activity.ts";
export { type AlarmOptions, alarmTargets, type DesiredAlarm, desiredAlarms } from "./managed-alarms.ts";
export { type ObservationPlan, planObservation } from "./observation-plan.ts";
export { type ObservePorts, observe, type TargetObservation } from "./observe.ts";
export { createReconciler, DEFAULT_SAFETY_MS } from "./reconciler.ts";
export type {
  PassCursorStore,
  ReconcileLogger,
  ReconcileMetrics,
  ReconcileOptions,
  Reconciler,
  ReconcilerDeps,
  ReconcileSummary,
  TargetOutcome,
  TargetStatus,
} from "./reconciler-types.ts";
