import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type * as z from "zod";
import { EvaluateRequestSchema } from "../model/evaluate-request.ts";
import { TargetConfigSchema } from "../model/target-config.ts";
import { compiledSchema } from "./compiled-schema.ts";

const NOW = Date.parse("2026-11-22T12:00:00Z");
const QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";

/** A request that touches every kind of check: unions, defaults, refinements, transforms, records, tuples. */
const VALID = {
  now: "2026-11-22T12:00:00Z",
  target: { id: "service/prod/worker", minCapacity: 1, maxCapacity: 200 },
  policies: [
    {
      name: "cpu",
      type: "TargetTracking",
      targetValue: 60,
      metric: { predefined: "ECSServiceAverageCPUUtilization" },
    },
    { name: "backlog", type: "TargetTracking", targetValue: 20, metric: { sqs: { queueUrl: QUEUE } } },
    {
      name: "surge",
      type: "StepScaling",
      metric: { cloudwatch: { namespace: "AWS/SQS", metricName: "Age", statistic: "p90" } },
      alarm: { threshold: 300, comparisonOperator: "GreaterThanOrEqualToThreshold", evaluationPeriods: 3 },
      adjustmentType: "PercentChangeInCapacity",
      stepAdjustments: [
        { metricIntervalLowerBound: 0, metricIntervalUpperBound: 300, scalingAdjustment: 20 },
        { metricIntervalLowerBound: 300, scalingAdjustment: 50 },
      ],
      minAdjustmentMagnitude: 2,
    },
  ],
  scheduledActions: [
    { name: "hours", schedule: "cron(0 8 ? * MON-FRI *)", timezone: "Europe/Berlin", minCapacity: 5 },
  ],
  behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
  observation: {
    runningCount: 12,
    desiredCount: 12,
    pendingCount: 0,
    metrics: { cpu: [{ timestamp: NOW - 60_000, value: 40 }] },
    queues: { [QUEUE]: { visible: 310, inFlight: 12, delayed: 0 } },
  },
  state: { version: 1, evaluatedAt: NOW - 15_000, recommendations: [[NOW - 15_000, 12]] },
};

const outcome = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? { data: result.data } : { issues: result.error.issues };
};

/** Every path to a value inside `value`, objects and arrays included. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [prefix];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [
    prefix,
    ...keys.flatMap((key) => pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key])),
  ];
}

function replaced(path: (string | number)[], next: unknown): unknown {
  const copy = structuredClone(VALID) as Record<string | number, unknown>;
  if (path.length === 0) return next;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (next === undefined) delete parent[last];
  else parent[last] = next;
  return copy;
}

describe("compiledSchema", () => {
  it("parses a valid request to exactly what the schema's own parser returns", () => {
    const fast = compiledSchema(EvaluateRequestSchema);
    expect(fast).not.toBe(EvaluateRequestSchema);
    expect(outcome(fast, VALID)).toEqual(outcome(EvaluateRequestSchema, VALID));
  });

  it("gives the same result and the same issues as the schema when any part of a request is replaced", () => {
    const fast = compiledSchema(EvaluateRequestSchema);
    const paths = pathsOf(VALID);
    const anyValue = fc.oneof(
      fc.jsonValue(),
      fc.constant(undefined),
      fc.integer({ min: -5, max: 5 }),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.constantFrom(...paths), anyValue, (path, next) => {
        const input = replaced(path, next);
        expect(outcome(fast, input)).toEqual(outcome(EvaluateRequestSchema, input));
      }),
      { numRuns: 500 },
    );
  });

  it("compiles a schema once, and passes a stand-in without zod internals through", () => {
    expect(compiledSchema(TargetConfigSchema)).toBe(compiledSchema(TargetConfigSchema));
    const standIn = { safeParse: () => ({ success: true, data: 1 }) } as unknown as z.ZodType;
    expect(compiledSchema(standIn)).toBe(standIn);
  });
});
