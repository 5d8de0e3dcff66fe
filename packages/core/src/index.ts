export { mapBounded } from "./async/map-bounded.ts";
export { batchesLastTask } from "./decide/batch-from-zero.ts";
export { decide } from "./decide/decide.ts";
export type { GantryErrorCode, SdkErrorCode } from "./errors.ts";
export {
  ConflictError,
  CorruptItemError,
  GantryError,
  NotFoundError,
  sdkErrorCode,
  ThrottledError,
  ValidationError,
} from "./errors.ts";
export type { Behavior } from "./model/behavior.ts";
export { BehaviorSchema } from "./model/behavior.ts";
export type { Decision, Reason, ReasonCode, ScalingAction } from "./model/decision.ts";
export { REASON_CODES } from "./model/decision.ts";
export type { EvaluateRequest, EvaluateRequestInput, Trigger } from "./model/evaluate-request.ts";
export { EvaluateRequestSchema } from "./model/evaluate-request.ts";
export type { MathRewrite } from "./model/metric-math.ts";
export {
  checkMathExpression,
  METRIC_MATH_FUNCTIONS,
  METRIC_MATH_KEYWORDS,
  rewriteMathWords,
  unknownMathNames,
} from "./model/metric-math.ts";
export type { LiveMetric, MetricSpec } from "./model/metric-spec.ts";
export {
  firstLiveQueueOf,
  isLiveMetric,
  liveQueueOf,
  liveQueueUrl,
  MetricSpecSchema,
  queueNameOf,
} from "./model/metric-spec.ts";
export type { Datapoint, Observation, QueueDepth } from "./model/observation.ts";
export { ObservationSchema } from "./model/observation.ts";
export type { Policy, PolicyInput } from "./model/policy.ts";
export { PolicySchema } from "./model/policy.ts";
export type { ScheduledAction } from "./model/scheduled-action.ts";
export { ScheduledActionSchema } from "./model/scheduled-action.ts";
export type { ServiceRef } from "./model/service-id.ts";
export { formatServiceId, parseServiceId } from "./model/service-id.ts";
export type { ArrivalHistory, LoadFloor, Predictive, StartupAware } from "./model/startup-behavior.ts";
export {
  ArrivalHistorySchema,
  HISTORY_PERIOD_SECONDS,
  MAX_HISTORY_PERIODS,
  StartupAwareSchema,
} from "./model/startup-behavior.ts";
export type { PendingChange, ScalingState } from "./model/state.ts";
export { ScalingStateSchema, STATE_VERSION } from "./model/state.ts";
export type { StepScalingPolicy } from "./model/step-scaling-policy.ts";
export { StepScalingPolicySchema } from "./model/step-scaling-policy.ts";
export type { Target, TargetInput } from "./model/target.ts";
export { TargetSchema } from "./model/target.ts";
export type { TargetTrackingPolicy } from "./model/target-tracking-policy.ts";
export { TargetTrackingPolicySchema } from "./model/target-tracking-policy.ts";
export {
  evaluateRequestJsonSchema,
  listProblems,
  parseEvaluateRequest,
  parseWith,
} from "./parse/parse-request.ts";
export { checkSchedule, latestOccurrence, nextOccurrence, parseSchedule } from "./schedule/schedule.ts";

import { decide } from "./decide/decide.ts";
import type { Decision } from "./model/decision.ts";
import { parseEvaluateRequest } from "./parse/parse-request.ts";

/** Validate a request as users write it (JSON or YAML, parsed) and decide. Throws ValidationError on bad input. */
export function evaluate(input: unknown): Decision {
  return decide(parseEvaluateRequest(input));
}
export type { Bin, Packing, Placement, Shape } from "./capacity/bin-packing.ts";
export { emptyBin, instancesNeeded, placeOnto } from "./capacity/bin-packing.ts";
export type { CapacityConfig, CapacityConfigInput } from "./capacity/capacity-config.ts";
export { CapacityConfigSchema } from "./capacity/capacity-config.ts";
export type { CapacityReason, CapacityReasonCode } from "./capacity/capacity-reason.ts";
export { CAPACITY_REASON_CODES } from "./capacity/capacity-reason.ts";
export type {
  CapacityAction,
  CapacityPlan,
  CapacityPlanInput,
  CapacityState,
  InstanceLifecycle,
  InstanceState,
  ServiceDemand,
  TaskFootprint,
  TaskResources,
} from "./capacity/cluster-model.ts";
export { CAPACITY_STATE_VERSION } from "./capacity/cluster-model.ts";
export { binOf } from "./capacity/instance-status.ts";
export { planCapacity } from "./capacity/plan-capacity.ts";
export { withProviderTarget } from "./capacity/provider-target.ts";
export { capacityProviderReservation } from "./capacity/reservation.ts";
export type { Activity, ActivityStatus } from "./model/activity.ts";
export { ACTIVITY_STATUSES } from "./model/activity.ts";
export type { DecisionRecord } from "./model/decision-record.ts";
export { DecisionRecordSchema } from "./model/decision-record.ts";
export type { TargetConfig, TargetConfigInput } from "./model/target-config.ts";
export { TargetConfigSchema } from "./model/target-config.ts";
export type {
  ActivityPage,
  AlarmPort,
  ApplicationAutoScalingPort,
  BacktestJob,
  CapacityProviderState,
  CapacityRecord,
  CapacityStateStore,
  Clock,
  ClusterCapacityPort,
  ClusterSnapshot,
  EcsPort,
  EventsPort,
  JobError,
  JobStatus,
  JobStore,
  JobUpdate,
  ManagedAlarm,
  MetricQuery,
  MetricStat,
  MetricsPort,
  QueuePort,
  RawTargetItem,
  SeriesSample,
  SeriesStore,
  ServiceSnapshot,
  StateStore,
  StateVersions,
  StoredCapacityRecord,
  TargetListing,
  TargetProblem,
  TargetRecord,
} from "./ports/index.ts";
export { JOB_STATUSES, SERIES_WINDOW_MS, samplesInRange } from "./ports/index.ts";
