// The AWS CLI's JSON output that `gantry import --from DIR` reads: PascalCase keys as AWS sends them, times as
// ISO-8601 text (CLI v2) or epoch seconds (CLI v1's default). Only the fields the import uses are checked; the rest
// (ARNs, creation times, alarm state) are left out.
import { z } from "zod";

const Time = z
  .union([z.string().refine((s) => !Number.isNaN(Date.parse(s)), "expected an ISO-8601 time"), z.number()])
  .transform((v) => (typeof v === "number" ? new Date(v * 1000) : new Date(v)));

const Dimensions = z.array(z.object({ Name: z.string(), Value: z.string() })).optional();
const Metric = z.object({ Namespace: z.string().optional(), MetricName: z.string().optional(), Dimensions });
const MetricQuery = z.object({
  Id: z.string(),
  Expression: z.string().optional(),
  MetricStat: z
    .object({ Metric, Stat: z.string(), Unit: z.string().optional(), Period: z.number().optional() })
    .optional(),
  ReturnData: z.boolean().optional(),
  Period: z.number().optional(),
  AccountId: z.string().optional(),
});

const ScalableTarget = z.object({
  ServiceNamespace: z.string(),
  ResourceId: z.string(),
  ScalableDimension: z.string(),
  MinCapacity: z.number(),
  MaxCapacity: z.number(),
  SuspendedState: z
    .object({
      DynamicScalingInSuspended: z.boolean().optional(),
      DynamicScalingOutSuspended: z.boolean().optional(),
      ScheduledScalingSuspended: z.boolean().optional(),
    })
    .optional(),
});

const TargetTracking = z.object({
  TargetValue: z.number(),
  PredefinedMetricSpecification: z
    .object({ PredefinedMetricType: z.string(), ResourceLabel: z.string().optional() })
    .optional(),
  CustomizedMetricSpecification: Metric.extend({
    Statistic: z.string().optional(),
    Unit: z.string().optional(),
    Metrics: z.array(MetricQuery).optional(),
  }).optional(),
  ScaleOutCooldown: z.number().optional(),
  ScaleInCooldown: z.number().optional(),
  DisableScaleIn: z.boolean().optional(),
});

const StepScaling = z.object({
  AdjustmentType: z.string().optional(),
  StepAdjustments: z
    .array(
      z.object({
        MetricIntervalLowerBound: z.number().optional(),
        MetricIntervalUpperBound: z.number().optional(),
        ScalingAdjustment: z.number(),
      }),
    )
    .optional(),
  MinAdjustmentMagnitude: z.number().optional(),
  Cooldown: z.number().optional(),
  MetricAggregationType: z.string().optional(),
});

const ScalingPolicy = z.object({
  PolicyARN: z.string().optional(),
  PolicyName: z.string(),
  ServiceNamespace: z.string(),
  ResourceId: z.string(),
  ScalableDimension: z.string(),
  PolicyType: z.string(),
  StepScalingPolicyConfiguration: StepScaling.optional(),
  TargetTrackingScalingPolicyConfiguration: TargetTracking.optional(),
  Alarms: z.array(z.object({ AlarmName: z.string(), AlarmARN: z.string().optional() })).optional(),
});

const ScheduledAction = z.object({
  ScheduledActionName: z.string(),
  ServiceNamespace: z.string(),
  ResourceId: z.string(),
  ScalableDimension: z.string().optional(),
  Schedule: z.string(),
  Timezone: z.string().optional(),
  StartTime: Time.optional(),
  EndTime: Time.optional(),
  ScalableTargetAction: z
    .object({ MinCapacity: z.number().optional(), MaxCapacity: z.number().optional() })
    .optional(),
});

const MetricAlarm = Metric.extend({
  AlarmName: z.string(),
  ActionsEnabled: z.boolean().optional(),
  AlarmActions: z.array(z.string()).optional(),
  OKActions: z.array(z.string()).optional(),
  InsufficientDataActions: z.array(z.string()).optional(),
  Statistic: z.string().optional(),
  ExtendedStatistic: z.string().optional(),
  Period: z.number().optional(),
  Unit: z.string().optional(),
  EvaluationPeriods: z.number().optional(),
  DatapointsToAlarm: z.number().optional(),
  Threshold: z.number().optional(),
  ComparisonOperator: z.string().optional(),
  TreatMissingData: z.string().optional(),
  EvaluateLowSampleCountPercentile: z.string().optional(),
  Metrics: z.array(MetricQuery).optional(),
  ThresholdMetricId: z.string().optional(),
});

/** `--max-items` output ends with a NextToken: the file then holds one page, and the rest would be lost. */
const NO_NEXT_TOKEN = z
  .undefined({ error: "the output is one page of several (drop --max-items and save it again)" })
  .optional();

export const SAVED_OUTPUT = {
  scalableTargets: {
    file: "scalable-targets.json",
    command: "aws application-autoscaling describe-scalable-targets --service-namespace ecs",
    schema: z.object({ ScalableTargets: z.array(ScalableTarget), NextToken: NO_NEXT_TOKEN }),
  },
  scalingPolicies: {
    file: "scaling-policies.json",
    command: "aws application-autoscaling describe-scaling-policies --service-namespace ecs",
    schema: z.object({ ScalingPolicies: z.array(ScalingPolicy), NextToken: NO_NEXT_TOKEN }),
  },
  scheduledActions: {
    file: "scheduled-actions.json",
    command: "aws application-autoscaling describe-scheduled-actions --service-namespace ecs",
    schema: z.object({ ScheduledActions: z.array(ScheduledAction), NextToken: NO_NEXT_TOKEN }),
  },
  alarms: {
    file: "alarms.json",
    command: "aws cloudwatch describe-alarms --alarm-names",
    schema: z.object({ MetricAlarms: z.array(MetricAlarm), NextToken: NO_NEXT_TOKEN }),
  },
} as const;
