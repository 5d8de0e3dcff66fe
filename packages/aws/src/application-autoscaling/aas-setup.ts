// What `gantry import` reads from Application Auto Scaling and CloudWatch, in AWS's own (PascalCase) shapes.
// The SDK's responses and the AWS CLI's saved JSON both fit these types: enums are plain strings here so a value
// Gantry does not know (a new policy type) reaches the mapping, which reports it, instead of failing a parse.

export interface AasSetup {
  scalableTargets: AasScalableTarget[];
  scalingPolicies: AasScalingPolicy[];
  scheduledActions: AasScheduledAction[];
  /** The metric alarms the step policies name (other alarms may be present and are ignored). */
  alarms: AasMetricAlarm[];
}

type Maybe<T> = T | undefined;

export interface AasScalableTarget {
  ServiceNamespace?: Maybe<string>;
  ResourceId?: Maybe<string>;
  ScalableDimension?: Maybe<string>;
  MinCapacity?: Maybe<number>;
  MaxCapacity?: Maybe<number>;
  SuspendedState?: Maybe<{
    DynamicScalingInSuspended?: Maybe<boolean>;
    DynamicScalingOutSuspended?: Maybe<boolean>;
    ScheduledScalingSuspended?: Maybe<boolean>;
  }>;
}

export interface AasDimension {
  Name?: Maybe<string>;
  Value?: Maybe<string>;
}

export interface AasMetric {
  Namespace?: Maybe<string>;
  MetricName?: Maybe<string>;
  Dimensions?: Maybe<AasDimension[]>;
}

/** A metric math query: AAS's TargetTrackingMetricDataQuery and CloudWatch's MetricDataQuery share this shape. */
export interface AasMetricQuery {
  Id?: Maybe<string>;
  Expression?: Maybe<string>;
  MetricStat?: Maybe<{
    Metric?: Maybe<AasMetric>;
    Stat?: Maybe<string>;
    Unit?: Maybe<string>;
    Period?: Maybe<number>;
  }>;
  ReturnData?: Maybe<boolean>;
  Period?: Maybe<number>;
  AccountId?: Maybe<string>;
}

export interface AasCustomizedMetric extends AasMetric {
  Statistic?: Maybe<string>;
  Unit?: Maybe<string>;
  Metrics?: Maybe<AasMetricQuery[]>;
}

export interface AasTargetTrackingConfiguration {
  TargetValue?: Maybe<number>;
  PredefinedMetricSpecification?: Maybe<{
    PredefinedMetricType?: Maybe<string>;
    ResourceLabel?: Maybe<string>;
  }>;
  CustomizedMetricSpecification?: Maybe<AasCustomizedMetric>;
  ScaleOutCooldown?: Maybe<number>;
  ScaleInCooldown?: Maybe<number>;
  DisableScaleIn?: Maybe<boolean>;
}

export interface AasStepAdjustment {
  MetricIntervalLowerBound?: Maybe<number>;
  MetricIntervalUpperBound?: Maybe<number>;
  ScalingAdjustment?: Maybe<number>;
}

export interface AasStepScalingConfiguration {
  AdjustmentType?: Maybe<string>;
  StepAdjustments?: Maybe<AasStepAdjustment[]>;
  MinAdjustmentMagnitude?: Maybe<number>;
  Cooldown?: Maybe<number>;
  MetricAggregationType?: Maybe<string>;
}

export interface AasScalingPolicy {
  PolicyARN?: Maybe<string>;
  PolicyName?: Maybe<string>;
  ServiceNamespace?: Maybe<string>;
  ResourceId?: Maybe<string>;
  ScalableDimension?: Maybe<string>;
  PolicyType?: Maybe<string>;
  StepScalingPolicyConfiguration?: Maybe<AasStepScalingConfiguration>;
  TargetTrackingScalingPolicyConfiguration?: Maybe<AasTargetTrackingConfiguration>;
  Alarms?: Maybe<{ AlarmName?: Maybe<string>; AlarmARN?: Maybe<string> }[]>;
}

export interface AasScheduledAction {
  ScheduledActionName?: Maybe<string>;
  ServiceNamespace?: Maybe<string>;
  ResourceId?: Maybe<string>;
  ScalableDimension?: Maybe<string>;
  Schedule?: Maybe<string>;
  Timezone?: Maybe<string>;
  StartTime?: Maybe<Date>;
  EndTime?: Maybe<Date>;
  ScalableTargetAction?: Maybe<{ MinCapacity?: Maybe<number>; MaxCapacity?: Maybe<number> }>;
}

export interface AasMetricAlarm extends AasMetric {
  AlarmName?: Maybe<string>;
  ActionsEnabled?: Maybe<boolean>;
  AlarmActions?: Maybe<string[]>;
  OKActions?: Maybe<string[]>;
  InsufficientDataActions?: Maybe<string[]>;
  Statistic?: Maybe<string>;
  ExtendedStatistic?: Maybe<string>;
  Period?: Maybe<number>;
  Unit?: Maybe<string>;
  EvaluationPeriods?: Maybe<number>;
  DatapointsToAlarm?: Maybe<number>;
  Threshold?: Maybe<number>;
  ComparisonOperator?: Maybe<string>;
  TreatMissingData?: Maybe<string>;
  EvaluateLowSampleCountPercentile?: Maybe<string>;
  Metrics?: Maybe<AasMetricQuery[]>;
  /** Set on anomaly-detection alarms: the threshold is a band, not a number. */
  ThresholdMetricId?: Maybe<string>;
}

/** Application Auto Scaling's names for an ECS service's desired count. */
export const ECS_NAMESPACE = "ecs";
export const ECS_DESIRED_COUNT = "ecs:service:DesiredCount";
