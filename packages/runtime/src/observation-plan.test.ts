import type { PolicyInput, TargetConfigInput } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { planObservation } from "./observation-plan.ts";
import { configOf } from "./testing/sim-fixture.ts";

const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);
const QUEUE = "https://sqs.us-east-1.amazonaws.com/000000000000/jobs";
const ALB = "app/web/50dc6c495c0c9188/targetgroup/web-tg/6d0ecf831eec9f09";

function target(id: string, policies: PolicyInput[]): TargetConfigInput {
  return { target: { id, minCapacity: 0, maxCapacity: 10 }, policies };
}

function tracking(name: string, metric: PolicyInput["metric"], evaluation = {}): PolicyInput {
  return { name, type: "TargetTracking", targetValue: 50, metric, evaluation };
}

describe("planObservation", () => {
  it("maps predefined ECS and ALB metrics to their CloudWatch namespaces, dimensions and statistics", () => {
    const plan = planObservation(
      [
        configOf(
          target("service/prod/api", [
            tracking("cpu", { predefined: "ECSServiceAverageCPUUtilization" }),
            tracking("memory", { predefined: "ECSServiceAverageMemoryUtilization" }),
            tracking("requests", { predefined: "ALBRequestCountPerTarget", resourceLabel: ALB }),
          ]),
        ),
      ],
      NOW,
    );
    const service = [
      { name: "ClusterName", value: "prod" },
      { name: "ServiceName", value: "api" },
    ];
    expect(plan.queries).toEqual([
      {
        id: "m0",
        stat: {
          namespace: "AWS/ECS",
          metricName: "CPUUtilization",
          dimensions: service,
          statistic: "Average",
        },
        periodSeconds: 60,
        returnData: true,
      },
      {
        id: "m1",
        stat: {
          namespace: "AWS/ECS",
          metricName: "MemoryUtilization",
          dimensions: service,
          statistic: "Average",
        },
        periodSeconds: 60,
        returnData: true,
      },
      {
        id: "m2",
        stat: {
          namespace: "AWS/ApplicationELB",
          metricName: "RequestCountPerTarget",
          dimensions: [{ name: "TargetGroup", value: "targetgroup/web-tg/6d0ecf831eec9f09" }],
          statistic: "Sum",
        },
        periodSeconds: 60,
        returnData: true,
      },
    ]);
    expect(plan.outputs.get("m2")).toMatchObject({ targetId: "service/prod/api", policy: "requests" });
    expect(plan.serviceIds).toEqual(["service/prod/api"]);
  });

  it("fails only the target whose ALB resource label names no target group", () => {
    const bad = target("service/prod/bad", [
      tracking("requests", { predefined: "ALBRequestCountPerTarget", resourceLabel: "app/web/123" }),
    ]);
    const good = target("service/prod/good", [
      tracking("cpu", { predefined: "ECSServiceAverageCPUUtilization" }),
    ]);
    const plan = planObservation([configOf(bad), configOf(good)], NOW);
    expect(plan.errors.get("service/prod/bad")).toMatchObject({
      code: "ValidationError",
      field: "policies[0].metric.resourceLabel",
    });
    expect(plan.serviceIds).toEqual(["service/prod/good"]);
    expect(plan.queries.map((q) => q.id)).toEqual(["m1"]);
  });

  it("passes custom metrics through and renames math inputs to unique ids, rewriting the expression", () => {
    const custom = {
      cloudwatch: {
        namespace: "App",
        metricName: "Lag",
        dimensions: [{ name: "Stream", value: "orders" }],
        statistic: "p90",
        unit: "Seconds",
      },
    };
    const math = {
      math: {
        expression: "IF(errors > 0, errors / requests * 100, 0) + SUM(METRICS()) * 0 + FILL(m1, 'errors')",
        metrics: [
          { id: "errors", cloudwatch: { namespace: "App", metricName: "Errors", statistic: "Sum" } },
          { id: "requests", cloudwatch: { namespace: "App", metricName: "Requests", statistic: "Sum" } },
        ],
      },
    };
    const plan = planObservation(
      [
        configOf(target("service/c/a", [tracking("lag", custom)])),
        configOf(target("service/c/b", [tracking("ratio", math)])),
      ],
      NOW,
    );
    expect(plan.queries[0]).toEqual({
      id: "m0",
      stat: {
        namespace: "App",
        metricName: "Lag",
        dimensions: [{ name: "Stream", value: "orders" }],
        statistic: "p90",
        unit: "Seconds",
      },
      periodSeconds: 60,
      returnData: true,
    });
    expect(plan.queries.slice(1)).toEqual([
      {
        id: "m1_0",
        stat: { namespace: "App", metricName: "Errors", dimensions: [], statistic: "Sum" },
        periodSeconds: 60,
        returnData: false,
      },
      {
        id: "m1_1",
        stat: { namespace: "App", metricName: "Requests", dimensions: [], statistic: "Sum" },
        periodSeconds: 60,
        returnData: false,
      },
      {
        id: "m1",
        // "m1" in the user's expression is not one of its inputs, and quoted text is not an id: both kept.
        expression: "IF(m1_0 > 0, m1_0 / m1_1 * 100, 0) + SUM([m1_0, m1_1]) * 0 + FILL(m1, 'errors')",
        periodSeconds: 60,
        returnData: true,
      },
    ]);
    expect([...plan.outputs.keys()]).toEqual(["m0", "m1"]);
    expect(plan.queryTargets.get("m1_1")).toBe("service/c/b");
  });

  it("uses each policy's period and the widest window: (datapoints + 2) × period + max data age", () => {
    const step: PolicyInput = {
      name: "step",
      type: "StepScaling",
      metric: { predefined: "ECSServiceAverageCPUUtilization" },
      alarm: {
        threshold: 70,
        comparisonOperator: "GreaterThanThreshold",
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        periodSeconds: 300,
        maxDataAgeSeconds: 600,
      },
      adjustmentType: "ChangeInCapacity",
      stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 1 }],
    };
    const tt = tracking("cpu", { predefined: "ECSServiceAverageCPUUtilization" }); // 15 datapoints of 60 s, 300 s
    const plan = planObservation([configOf(target("service/c/a", [step, tt]))], NOW);
    expect(plan.queries.map((q) => q.periodSeconds)).toEqual([300, 60]);
    expect(plan.outputs.get("m0")?.since).toBe(NOW - ((5 + 2) * 300 + 600) * 1000);
    expect(plan.outputs.get("m1")?.since).toBe(NOW - ((15 + 2) * 60 + 300) * 1000);
    expect(plan.range).toEqual({ start: NOW - 2700_000, end: NOW });
  });

  it("collects each live queue once and issues no CloudWatch query for it", () => {
    const live = target("service/c/w", [
      tracking("backlog", { sqs: { queueUrl: QUEUE } }),
      tracking("util", { sqsUtilization: { queueUrl: QUEUE, processingSeconds: 2 } }),
    ]);
    const other = target("service/c/v", [tracking("backlog", { sqs: { queueUrl: `${QUEUE}-2` } })]);
    const plan = planObservation([configOf(live), configOf(other)], NOW);
    expect(plan.queries).toEqual([]);
    expect(plan.range).toBeUndefined();
    expect(plan.queueUrls).toEqual([QUEUE, `${QUEUE}-2`]);
    expect(plan.targets.get("service/c/w")).toEqual({ queueUrls: [QUEUE], outputIds: [] });
  });

  it("plans 1,200 queries for 400 targets in one plan, with unique valid ids (the port batches them)", () => {
    const configs = Array.from({ length: 400 }, (_, i) =>
      configOf(
        target(`service/fleet/s${i}`, [
          tracking("cpu", { predefined: "ECSServiceAverageCPUUtilization" }),
          tracking("memory", { predefined: "ECSServiceAverageMemoryUtilization" }),
          tracking("lag", { cloudwatch: { namespace: "App", metricName: "Lag", statistic: "Maximum" } }),
        ]),
      ),
    );
    const plan = planObservation(configs, NOW);
    const ids = plan.queries.map((q) => q.id);
    expect(ids).toHaveLength(1200);
    expect(new Set(ids).size).toBe(1200);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9_]*$/);
    expect(plan.serviceIds).toHaveLength(400);
    expect(plan.outputs.get("m1199")).toMatchObject({ targetId: "service/fleet/s399", policy: "lag" });
  });
});
