// The CloudWatch alarm that triggers an AAS step policy → the metric and `alarm` block of Gantry's StepScaling
// policy. Gantry creates and evaluates its own alarm from these, so settings beyond them are reported.
import type { AasMetricAlarm } from "@gantry/aws";
import type { MetricSpec, StepScalingPolicy } from "@gantry/core";
import { failed, type ImportFinding, type Mapped, mapped, notCarried } from "./import-finding.ts";
import { mapQueries, mapStat, type QueryMetric } from "./map-metric.ts";

type AlarmInput = Omit<StepScalingPolicy["alarm"], "maxDataAgeSeconds">;

export interface StepTrigger {
  metric: MetricSpec;
  alarm: AlarmInput;
}

const COMPARISONS = new Set([
  "GreaterThanOrEqualToThreshold",
  "GreaterThanThreshold",
  "LessThanThreshold",
  "LessThanOrEqualToThreshold",
]);

/** Application Auto Scaling policy ARNs; any other alarm action (SNS, EC2, SSM) is a notification Gantry lacks. */
const SCALING_POLICY_ARN = /^arn:[^:]+:autoscaling:[^:]*:[^:]*:scalingPolicy:/;

/** The trigger a step policy needs from its alarm, or why the alarm cannot be one. */
export function mapAlarm(alarm: AasMetricAlarm, policyArn: string | undefined): Mapped<StepTrigger> {
  const blocker = blockingProblem(alarm, policyArn);
  if (blocker) return blocker;
  const metric =
    alarm.Metrics && alarm.Metrics.length > 0 ? mapQueries(alarm.Metrics, "Metrics") : singleMetric(alarm);
  if (!metric.ok) return metric;
  const periodSeconds = metric.value.periodSeconds;
  if (periodSeconds === undefined) return failed("Period", "missing");
  const evaluationPeriods = alarm.EvaluationPeriods as number;
  return mapped({
    metric: metric.value.metric,
    alarm: {
      threshold: alarm.Threshold as number,
      comparisonOperator: alarm.ComparisonOperator as AlarmInput["comparisonOperator"],
      evaluationPeriods,
      // CloudWatch: without DatapointsToAlarm the alarm needs every evaluation period to breach.
      datapointsToAlarm: alarm.DatapointsToAlarm ?? evaluationPeriods,
      periodSeconds,
    },
  });
}

function blockingProblem(
  alarm: AasMetricAlarm,
  policyArn: string | undefined,
): Mapped<StepTrigger> | undefined {
  if (alarm.ThresholdMetricId) {
    return failed(
      "ThresholdMetricId",
      "an anomaly detection band; Gantry's alarm compares with a fixed threshold",
    );
  }
  if (!COMPARISONS.has(alarm.ComparisonOperator ?? "")) {
    return failed(
      `ComparisonOperator ${alarm.ComparisonOperator}`,
      `Gantry supports ${[...COMPARISONS].join(", ")}`,
    );
  }
  if (alarm.Threshold === undefined) return failed("Threshold", "missing");
  if (alarm.EvaluationPeriods === undefined) return failed("EvaluationPeriods", "missing");
  if (alarm.ActionsEnabled === false) {
    return failed(
      "ActionsEnabled false",
      "in AWS this alarm never runs the policy; Gantry has no disabled policy (add it by hand to turn it on)",
    );
  }
  const runs = (key: "AlarmActions" | "OKActions" | "InsufficientDataActions") =>
    policyArn !== undefined && (alarm[key] ?? []).includes(policyArn);
  const otherState = runs("AlarmActions")
    ? undefined
    : (["OKActions", "InsufficientDataActions"] as const).find(runs);
  if (otherState) {
    return failed(
      otherState,
      "runs the policy when the alarm is not in ALARM; Gantry runs step policies in ALARM only",
    );
  }
  return undefined;
}

function singleMetric(alarm: AasMetricAlarm): Mapped<QueryMetric> {
  const stat = mapStat(alarm, alarm.Statistic ?? alarm.ExtendedStatistic, alarm.Unit, "metric");
  return stat.ok ? mapped({ metric: { cloudwatch: stat.value }, periodSeconds: alarm.Period }) : stat;
}

/** Alarm settings the step policy is carried over without: notifications and missing-data handling. */
export function alarmLeftovers(alarm: AasMetricAlarm, resource: string): ImportFinding[] {
  const findings: ImportFinding[] = [];
  for (const key of ["AlarmActions", "OKActions", "InsufficientDataActions"] as const) {
    for (const action of alarm[key] ?? []) {
      if (SCALING_POLICY_ARN.test(action)) continue;
      findings.push(
        notCarried(resource, {
          setting: `${key} ${action}`,
          why: "Gantry's alarm only scales; it notifies no one",
        }),
      );
    }
  }
  const missing = alarm.TreatMissingData;
  if (missing === "breaching" || missing === "ignore") {
    const why = "Gantry counts missing datapoints as neither breaching nor not (CloudWatch's `missing`)";
    findings.push(notCarried(resource, { setting: `TreatMissingData ${missing}`, why }));
  }
  if (alarm.EvaluateLowSampleCountPercentile) {
    const why = "Gantry evaluates every percentile datapoint it reads";
    findings.push(
      notCarried(resource, {
        setting: `EvaluateLowSampleCountPercentile ${alarm.EvaluateLowSampleCountPercentile}`,
        why,
      }),
    );
  }
  return findings;
}
