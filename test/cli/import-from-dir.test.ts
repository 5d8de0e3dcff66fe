// `gantry import --from DIR` on real-shaped AWS CLI output: the file passes `gantry apply`'s validation, keeps
// every setting the fixtures hold, and lists what it cannot carry over.
import type { TargetConfig } from "@gantry/core";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkApplyDocument } from "../../packages/cli/src/commands/apply/read-apply-file.ts";
import { runImport } from "../../packages/cli/src/import/run-import.ts";
import { FIXTURES, fixture, recordingIo } from "./support/import-io.ts";

// biome-ignore lint/suspicious/noExplicitAny: walking AWS's JSON
type Json = Record<string, any>;

const targets = fixture<Json>("scalable-targets.json").ScalableTargets as Json[];
const policies = fixture<Json>("scaling-policies.json").ScalingPolicies as Json[];
const actions = fixture<Json>("scheduled-actions.json").ScheduledActions as Json[];
const alarms = fixture<Json>("alarms.json").MetricAlarms as Json[];

/** What the fixtures hold that Gantry cannot take: checked below to be listed, and skipped by the round trip. */
const NOT_CARRIED = [
  "not carried over: service/batch/report-builder policy report-backlog-step: Alarms report-builder-backlog-high: the alarm was not found (DescribeAlarms / alarms.json)",
  "not carried over: service/prod/orders-worker policy queue-age-step-out alarm orders-worker-queue-age-high: AlarmActions arn:aws:sns:eu-west-1:123456789012:orders-oncall: Gantry's alarm only scales; it notifies no one",
  "not carried over: service/prod/web policy predictive-cpu: PolicyType PredictiveScaling: Gantry has no predictive scaling",
  "changed: service/prod/web scheduled action evening down: name: renamed to evening-down (Gantry's names are unique and use letters, digits, '.', '_' or '-')",
];
const DROPPED_POLICIES = new Set(["predictive-cpu", "report-backlog-step"]);

let yaml: string;
let stderr: string;
let configs: Map<string, TargetConfig>;

beforeAll(async () => {
  const io = recordingIo();
  await runImport({ from: FIXTURES }, io);
  yaml = io.out.join("");
  stderr = io.err.join("");
  // The same check `gantry apply` runs on its file before sending anything (it throws listing every problem).
  const entries = checkApplyDocument(parse(yaml), "imported gantry.yaml");
  configs = new Map(entries.map((e) => [e.config.target.id, e.config]));
});

/** Settings AWS leaves out (an open step bound, no MinAdjustmentMagnitude) are absent from Gantry's file too. */
const withoutUndefined = (value: Json) => JSON.parse(JSON.stringify(value));
const config = (id: string) => configs.get(id) as TargetConfig;
const policy = (id: string, name: string) => config(id).policies.find((p) => p.name === name);

describe("gantry import --from DIR", () => {
  it("keeps every scalable target's bounds and suspended state", () => {
    expect([...configs.keys()].sort()).toEqual(targets.map((t) => t.ResourceId).sort());
    for (const t of targets) {
      expect(config(t.ResourceId).target).toMatchObject({
        minCapacity: t.MinCapacity,
        maxCapacity: t.MaxCapacity,
        suspendedState: {
          dynamicScalingInSuspended: t.SuspendedState.DynamicScalingInSuspended,
          dynamicScalingOutSuspended: t.SuspendedState.DynamicScalingOutSuspended,
          scheduledScalingSuspended: t.SuspendedState.ScheduledScalingSuspended,
        },
      });
    }
    expect(config("service/batch/report-builder").target.suspendedState.dynamicScalingInSuspended).toBe(true);
  });

  it("keeps every target tracking policy: target, metric with its resource label, cooldowns, DisableScaleIn", () => {
    const tracking = policies.filter((p) => p.PolicyType === "TargetTrackingScaling");
    expect(tracking).toHaveLength(5);
    for (const p of tracking) {
      const aws = p.TargetTrackingScalingPolicyConfiguration;
      const kept = policy(p.ResourceId, p.PolicyName);
      if (kept?.type !== "TargetTracking") throw new Error(`${p.PolicyName} missing`);
      expect(kept.targetValue).toBe(aws.TargetValue);
      expect(kept.scaleOutCooldown).toBe(aws.ScaleOutCooldown ?? 300);
      expect(kept.scaleInCooldown).toBe(aws.ScaleInCooldown ?? 300);
      expect(kept.disableScaleIn).toBe(aws.DisableScaleIn === true);
      const predefined = aws.PredefinedMetricSpecification;
      if (predefined) {
        expect(kept.metric).toEqual({
          predefined: predefined.PredefinedMetricType,
          ...(predefined.ResourceLabel && { resourceLabel: predefined.ResourceLabel }),
        });
      }
    }
    expect(policy("service/prod/web", "alb-requests")?.metric).toHaveProperty("resourceLabel");
  });

  it("keeps customized metrics: a single metric with dimensions and unit, and metric math", () => {
    expect(policy("service/batch/report-builder", "job-latency")?.metric).toEqual({
      cloudwatch: {
        namespace: "Reports",
        metricName: "JobLatency",
        dimensions: [{ name: "Service", value: "report-builder" }],
        statistic: "Average",
        unit: "Seconds",
      },
    });
    const queries = policies.find((p) => p.PolicyName === "backlog-per-task")
      ?.TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification.Metrics as Json[];
    const math = policy("service/prod/orders-worker", "backlog-per-task")?.metric;
    expect(math).toEqual({
      math: {
        expression: queries.find((q) => q.Expression)?.Expression,
        metrics: queries
          .filter((q) => q.MetricStat)
          .map((q) => ({
            id: q.Id,
            cloudwatch: {
              namespace: q.MetricStat.Metric.Namespace,
              metricName: q.MetricStat.Metric.MetricName,
              dimensions: q.MetricStat.Metric.Dimensions.map((d: Json) => ({ name: d.Name, value: d.Value })),
              statistic: q.MetricStat.Stat,
            },
          })),
      },
    });
  });

  it("keeps every carried step policy and its alarm's metric, statistic, period, threshold and M of N", () => {
    const steps = policies.filter(
      (p) => p.PolicyType === "StepScaling" && !DROPPED_POLICIES.has(p.PolicyName),
    );
    expect(steps).toHaveLength(2);
    for (const p of steps) {
      const aws = p.StepScalingPolicyConfiguration;
      const alarm = alarms.find((a) => a.AlarmName === p.Alarms[0].AlarmName) as Json;
      const kept = policy(p.ResourceId, p.PolicyName);
      if (kept?.type !== "StepScaling") throw new Error(`${p.PolicyName} missing`);
      expect(kept).toMatchObject(
        withoutUndefined({
          adjustmentType: aws.AdjustmentType,
          cooldown: aws.Cooldown,
          metricAggregationType: aws.MetricAggregationType,
          minAdjustmentMagnitude: aws.MinAdjustmentMagnitude,
          stepAdjustments: aws.StepAdjustments.map((s: Json) => ({
            metricIntervalLowerBound: s.MetricIntervalLowerBound,
            metricIntervalUpperBound: s.MetricIntervalUpperBound,
            scalingAdjustment: s.ScalingAdjustment,
          })),
          alarm: {
            threshold: alarm.Threshold,
            comparisonOperator: alarm.ComparisonOperator,
            evaluationPeriods: alarm.EvaluationPeriods,
            // CloudWatch's default when DatapointsToAlarm is absent: every period.
            datapointsToAlarm: alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods,
            periodSeconds: alarm.Period,
          },
          metric: {
            cloudwatch: {
              namespace: alarm.Namespace,
              metricName: alarm.MetricName,
              statistic: alarm.Statistic,
              dimensions: alarm.Dimensions.map((d: Json) => ({ name: d.Name, value: d.Value })),
            },
          },
        }),
      );
    }
  });

  it("keeps every scheduled action: schedule, time zone, start/end and min/max", () => {
    for (const a of actions) {
      const name = a.ScheduledActionName.replace(" ", "-");
      const kept = config(a.ResourceId).scheduledActions.find((s) => s.name === name);
      expect(kept).toEqual({
        name,
        schedule: a.Schedule,
        timezone: a.Timezone ?? "UTC",
        startTime: a.StartTime === undefined ? undefined : Date.parse(a.StartTime),
        endTime: a.EndTime === undefined ? undefined : Date.parse(a.EndTime),
        minCapacity: a.ScalableTargetAction.MinCapacity,
        maxCapacity: a.ScalableTargetAction.MaxCapacity,
      });
    }
  });

  it("lists what it cannot carry over on stderr and as comments in the file, and nothing else", () => {
    const listed = stderr.split("\n").filter((line) => /^(not carried over|changed): /.test(line));
    expect(listed).toEqual(NOT_CARRIED);
    const comments = yaml
      .split("\n")
      .filter((line) => line.startsWith("#"))
      .map((line) => line.slice(1).trim());
    for (const line of NOT_CARRIED) expect(comments).toContain(line);
    expect(stderr).toMatch(/^Imported 3 targets, 7 policies, 5 scheduled actions to standard output\./);
    for (const name of DROPPED_POLICIES) expect(yaml).not.toContain(`name: ${name}`);
  });
});
