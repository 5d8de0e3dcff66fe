import type { PolicyInput, TargetConfigInput } from "@gantry/core";
import { configOf } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";
import { planObservation } from "./observation-plan.ts";

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
        id: "t0_p0",
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
        id: "t0_p1",
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
        id: "t0_p2",
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
    expect(plan.outputs.get("t0_p2")).toMatchObject({ targetId: "service/prod/api", policy: "requests" });
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
    expect(plan.queries.map((q) => q.id)).toEqual(["t1_p0"]);
  });

  it("passes custom metrics through and renames math inputs to ids of their own target, rewriting the expression", () => {
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
        expression: "IF(errors > 0, errors / requests * 100, 0) + SUM(METRICS()) * 0 + FILL(errors, 'm0')",
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
      id: "t0_p0",
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
        id: "t1_p0_0",
        stat: { namespace: "App", metricName: "Errors", dimensions: [], statistic: "Sum" },
        periodSeconds: 60,
        returnData: false,
      },
      {
        id: "t1_p0_1",
        stat: { namespace: "App", metricName: "Requests", dimensions: [], statistic: "Sum" },
        periodSeconds: 60,
        returnData: false,
      },
      {
        id: "t1_p0",
        // Quoted text is not an id: kept.
        expression:
          "IF(t1_p0_0 > 0, t1_p0_0 / t1_p0_1 * 100, 0) + SUM([t1_p0_0, t1_p0_1]) * 0 + FILL(t1_p0_0, 'm0')",
        periodSeconds: 60,
        returnData: true,
      },
    ]);
    expect([...plan.outputs.keys()]).toEqual(["t0_p0", "t1_p0"]);
    expect(plan.queryTargets.get("t1_p0_1")).toBe("service/c/b");
  });

  it("gives two targets with the same expression disjoint query ids, each owned by its target", () => {
    const math = {
      math: {
        expression: "errors / requests",
        metrics: [
          { id: "errors", cloudwatch: { namespace: "App", metricName: "Errors", statistic: "Sum" } },
          { id: "requests", cloudwatch: { namespace: "App", metricName: "Requests", statistic: "Sum" } },
        ],
      },
    };
    const plan = planObservation(
      [
        configOf(target("service/c/a", [tracking("ratio", math)])),
        configOf(target("service/c/b", [tracking("ratio", math)])),
      ],
      NOW,
    );
    const idsOf = (targetId: string) =>
      plan.queries.map((q) => q.id).filter((id) => plan.queryTargets.get(id) === targetId);
    expect(idsOf("service/c/a")).toEqual(["t0_p0_0", "t0_p0_1", "t0_p0"]);
    expect(idsOf("service/c/b")).toEqual(["t1_p0_0", "t1_p0_1", "t1_p0"]);
    expect(plan.queries.map((q) => q.expression).filter(Boolean)).toEqual([
      "t0_p0_0 / t0_p0_1",
      "t1_p0_0 / t1_p0_1",
    ]);
  });

  it("refuses an expression naming another target's query even when the schema was bypassed", () => {
    const own = { id: "errors", cloudwatch: { namespace: "App", metricName: "Errors", statistic: "Sum" } };
    const a = configOf(
      target("service/c/a", [tracking("cpu", { predefined: "ECSServiceAverageCPUUtilization" })]),
    );
    const b = configOf(
      target("service/c/b", [tracking("ratio", { math: { expression: "errors", metrics: [own] } })]),
    );
    const metric = b.policies[0]?.metric;
    if (!metric || !("math" in metric)) throw new Error("expected a math metric");
    metric.math.expression = "errors + t0_p0"; // what a stored config written before the check could hold
    const plan = planObservation([a, b], NOW);
    expect(plan.errors.get("service/c/b")).toMatchObject({
      code: "ValidationError",
      field: "policies[0].metric.math.expression",
      message: expect.stringContaining('"t0_p0"'),
    });
    expect(plan.queries.map((q) => q.id)).toEqual(["t0_p0"]);
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
    expect(plan.outputs.get("t0_p0")?.since).toBe(NOW - ((5 + 2) * 300 + 600) * 1000);
    expect(plan.outputs.get("t0_p1")?.since).toBe(NOW - ((15 + 2) * 60 + 300) * 1000);
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
    expect(plan.outputs.get("t399_p2")).toMatchObject({ targetId: "service/fleet/s399", policy: "lag" });
  });
});
