import type { AasMetricAlarm, AasScalingPolicy, AasSetup } from "@gantry/aws";
import { describe, expect, it } from "vitest";
import { buildImport } from "./build-import.ts";
import { formatFinding } from "./import-finding.ts";

const ID = "service/prod/web";
const target = {
  ServiceNamespace: "ecs",
  ResourceId: ID,
  ScalableDimension: "ecs:service:DesiredCount",
  MinCapacity: 1,
  MaxCapacity: 9,
};
const base = { ServiceNamespace: "ecs", ResourceId: ID, ScalableDimension: "ecs:service:DesiredCount" };

const step = (
  name: string,
  alarms: string[],
  config: Partial<AasScalingPolicy["StepScalingPolicyConfiguration"]> = {},
) => ({
  ...base,
  PolicyName: name,
  PolicyARN: `arn:aws:autoscaling:eu-west-1:1:scalingPolicy:x:resource/ecs/${ID}:policyName/${name}`,
  PolicyType: "StepScaling",
  StepScalingPolicyConfiguration: {
    AdjustmentType: "ChangeInCapacity",
    StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 2 }],
    ...config,
  },
  Alarms: alarms.map((AlarmName) => ({ AlarmName })),
});

const alarm = (name: string, overrides: Partial<AasMetricAlarm> = {}): AasMetricAlarm => ({
  AlarmName: name,
  Namespace: "AWS/SQS",
  MetricName: "ApproximateNumberOfMessagesVisible",
  Statistic: "Sum",
  Period: 60,
  EvaluationPeriods: 1,
  Threshold: 100,
  ComparisonOperator: "GreaterThanOrEqualToThreshold",
  ...overrides,
});

function run(setup: Partial<AasSetup>) {
  const result = buildImport({
    scalableTargets: [target],
    scalingPolicies: [],
    scheduledActions: [],
    alarms: [],
    ...setup,
  });
  return { ...result, lines: result.findings.map(formatFinding) };
}

describe("buildImport", () => {
  it("leaves out and lists what Gantry refuses, keeping the rest of the target", () => {
    const { targets, lines } = run({
      scalingPolicies: [
        step("hourly", ["slow"]),
        step("no-alarm", []),
        step("two-alarms", ["a", "b"]),
        step("magnitude", ["a"], { MinAdjustmentMagnitude: 2 }),
        { ...base, PolicyName: "future", PolicyType: "SomethingNew" },
      ],
      alarms: [alarm("slow", { Period: 86_400 }), alarm("a"), alarm("b")],
    });
    expect(targets[0]?.policies?.map((p) => p.name)).toEqual(["two-alarms", "magnitude"]);
    expect(lines).toEqual([
      expect.stringMatching(
        /^not carried over: service\/prod\/web policy hourly: the whole of it: Gantry refuses it: alarm\.periodSeconds: Too big/,
      ),
      "not carried over: service/prod/web policy no-alarm: Alarms: no CloudWatch alarm triggers it (so AWS never runs it); Gantry needs one",
      "not carried over: service/prod/web policy two-alarms: Alarms b: Gantry triggers a step policy from one alarm; kept a",
      "not carried over: service/prod/web policy magnitude: MinAdjustmentMagnitude 2: applies only to PercentChangeInCapacity, so it had no effect in AWS",
      "not carried over: service/prod/web policy future: PolicyType SomethingNew: Gantry has TargetTracking and StepScaling policies only",
    ]);
  });

  it("drops a target Gantry cannot scale with its policies and actions, and lists members without a target", () => {
    const { targets, lines } = run({
      scalableTargets: [
        { ...target, MinCapacity: 5, MaxCapacity: 2 },
        { ...target, ServiceNamespace: "dynamodb", ResourceId: "table/t" },
      ],
      scalingPolicies: [step("out", ["a"]), { ...step("lost", ["a"]), ResourceId: "service/prod/gone" }],
      scheduledActions: [
        {
          ...base,
          ScheduledActionName: "noon",
          Schedule: "cron(0 12 * * ? *)",
          ScalableTargetAction: { MinCapacity: 3 },
        },
      ],
      alarms: [alarm("a")],
    });
    expect(targets).toEqual([]);
    expect(lines).toEqual([
      "not carried over: service/prod/gone policy lost: ResourceId: no ECS scalable target in the input has this ResourceId",
      "not carried over: service/prod/web: the whole of it: Gantry refuses it: maxCapacity: must be greater than or equal to minCapacity",
      "not carried over: service/prod/web policy out: the whole of it: its scalable target is not carried over",
      "not carried over: service/prod/web scheduled action noon: the whole of it: its scalable target is not carried over",
      "not carried over: table/t: ServiceNamespace dynamodb: Gantry scales ECS services only",
    ]);
  });

  it("lists scheduled actions that do nothing or that Gantry's schedule parser refuses, and renames clashes", () => {
    const action = (ScheduledActionName: string, Schedule: string, MinCapacity?: number) => ({
      ...base,
      ScheduledActionName,
      Schedule,
      ScalableTargetAction: MinCapacity === undefined ? {} : { MinCapacity },
    });
    const { targets, lines } = run({
      scheduledActions: [
        action("empty", "cron(0 12 * * ? *)"),
        action("five fields", "cron(0 12 * * *)", 2),
        action("noon", "cron(0 12 * * ? *)", 2),
        action("noon!", "cron(0 13 * * ? *)", 3),
      ],
    });
    expect(targets[0]?.scheduledActions?.map((a) => a.name)).toEqual(["noon", "noon-2"]);
    expect(lines[0]).toBe(
      "not carried over: service/prod/web scheduled action empty: ScalableTargetAction: sets neither MinCapacity nor MaxCapacity, so it does nothing",
    );
    expect(lines[1]).toMatch(
      /^changed: service\/prod\/web scheduled action five fields: name: renamed to five-fields/,
    );
    expect(lines[2]).toMatch(
      /^not carried over: service\/prod\/web scheduled action five fields: the whole of it: Gantry refuses it: schedule: /,
    );
    expect(lines[3]).toMatch(/^changed: service\/prod\/web scheduled action noon!: name: renamed to noon-2/);
  });
});
