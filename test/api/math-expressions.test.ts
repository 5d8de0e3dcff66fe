// A metric-math expression may read only its own policy's metrics: every target's queries share one
// GetMetricData request, so an undeclared id would read another target's metric. The API refuses it.
import "@gantry/testing/test-env";
import type { PolicyInput } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { apiWorld, expectErrorShape, workerConfig } from "./support/api-world.ts";

const PATH = "/targets/prod/worker";
const ID = "service/prod/worker";

const errorRate = (expression: string): PolicyInput => ({
  name: "errors",
  type: "TargetTracking",
  targetValue: 5,
  metric: {
    math: {
      expression,
      metrics: [
        { id: "errors", cloudwatch: { namespace: "App", metricName: "Errors", statistic: "Sum" } },
        { id: "requests", cloudwatch: { namespace: "App", metricName: "Requests", statistic: "Sum" } },
      ],
    },
  },
});

const withPolicy = (policy: PolicyInput) => ({ ...workerConfig(), policies: [policy] });

describe("PUT /targets/{cluster}/{service} with a metric-math policy", () => {
  it.each([
    ["m0 * 100", '"m0"'],
    ["errors / requests + running", '"running"'],
    ["SUM(METRICS('lag'))", "METRICS('lag')"],
  ])("answers 400 naming the expression when it reads beyond its own ids: %s", async (expression, named) => {
    const world = apiWorld();
    const reply = await world.call({ method: "PUT", path: PATH, body: withPolicy(errorRate(expression)) });
    expect(reply.status).toBe(400);
    const error = expectErrorShape(reply);
    expect(error).toMatchObject({ code: "ValidationError", field: "policies[0].metric.math.expression" });
    expect(error.message).toContain(named);
    expect(error.message).toContain("errors, requests");
    expect(await world.store.getTarget(ID)).toBeUndefined();
  });

  it("accepts an expression built from its own ids and CloudWatch functions", async () => {
    const world = apiWorld();
    const expression =
      "IF(requests > 0 AND errors >= 0, 100 * FILL(errors, 0) / requests, 0) + 0 * AVG(METRICS())";
    const reply = await world.call({ method: "PUT", path: PATH, body: withPolicy(errorRate(expression)) });
    expect(reply.status).toBe(201);
    expect(reply.body.config.policies[0].metric.math.expression).toBe(expression);
  });
});
