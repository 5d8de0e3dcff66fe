import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.ts";
import { parseWith } from "../parse/parse-request.ts";
import { checkMathExpression, rewriteMathWords } from "./metric-math.ts";
import { TargetConfigSchema } from "./target-config.ts";

const IDS = ["errors", "requests"];

describe("checkMathExpression", () => {
  // Valid CloudWatch metric math over the policy's own ids [AWS "Metric math syntax and functions"].
  it.each([
    "errors / requests * 100",
    "IF(requests > 0 AND errors >= 0 OR requests == 0, errors / requests, 0)",
    "FILL(errors, REPEAT) + FILL(requests, LINEAR) + FILL(errors, 0)",
    "RATE(errors) + DIFF(requests) + DIFF_TIME(errors) + PERIOD(errors) + ABS(CEIL(FLOOR(errors)))",
    "MAX([errors, requests]) - MIN([errors, requests]) + SUM(METRICS()) + AVG(METRICS('req'))",
    "LOG(errors) + LOG10(requests) + STDDEV(errors) + RUNNING_SUM(errors) + DATAPOINT_COUNT(errors)",
    "FIRST(SORT(METRICS(), AVG, DESC)) + LAST(SORT(METRICS(), MAX, ASC, 1))",
    "REMOVE_EMPTY(METRICS()) + TIME_SERIES(1e3) + .5 * 2.5E-1",
    "IF(HOUR(errors) >= 9 AND DAY(errors) < 6, errors) + MINUTE(errors) + EPOCH(errors)",
    "SERVICE_QUOTA(errors) + ANOMALY_DETECTION_BAND(errors, 2)",
    "SEARCH('{App,Host} MetricName=\"m0\" other_id', 'Average', 60)",
  ])("accepts %s", (expression) => {
    expect(checkMathExpression(expression, IDS)).toBeUndefined();
  });

  it.each([
    ["m0 + errors", '"m0"'],
    ["errors / requests + t0_p0", '"t0_p0"'],
    ["10m0", '"m0"'],
    ["sum(errors)", '"sum"'],
    ["NOT_A_FUNCTION(errors)", '"NOT_A_FUNCTION"'],
    ["SUM(METRICS('lag'))", "METRICS('lag')"],
  ])("rejects %s, naming %s", (expression, named) => {
    expect(checkMathExpression(expression, IDS)).toContain(named);
  });
});

describe("rewriteMathWords", () => {
  it("renames ids and METRICS() calls, not quoted text, numbers, functions or keywords", () => {
    const rewritten = rewriteMathWords(
      "FILL(errors, REPEAT) * 2e3 + SUM(METRICS('e')) + SEARCH('errors', 'Sum', 60)",
      {
        id: (word) => `x_${word}`,
        metrics: (filter) => `[all ${filter}]`,
      },
    );
    expect(rewritten).toBe("FILL(x_errors, REPEAT) * 2e3 + SUM([all e]) + SEARCH('errors', 'Sum', 60)");
  });
});

describe("TargetConfigSchema with a math metric", () => {
  const config = (expression: string) => ({
    target: { id: "service/prod/api", minCapacity: 0, maxCapacity: 10 },
    policies: [
      {
        name: "cpu",
        type: "TargetTracking",
        targetValue: 50,
        metric: { predefined: "ECSServiceAverageCPUUtilization" },
      },
      {
        name: "ratio",
        type: "TargetTracking",
        targetValue: 5,
        metric: {
          math: {
            expression,
            metrics: IDS.map((id) => ({
              id,
              cloudwatch: { namespace: "App", metricName: id, statistic: "Sum" },
            })),
          },
        },
      },
    ],
  });

  it("throws a ValidationError naming the expression field for an undeclared id", () => {
    const parse = () => parseWith(TargetConfigSchema, config("m0 / requests"));
    expect(parse).toThrow(ValidationError);
    expect(parse).toThrow(expect.objectContaining({ field: "policies[1].metric.math.expression" }));
    expect(parse).toThrow(/"m0".*errors, requests/);
  });

  it("accepts the same expression over its own ids", () => {
    const parsed = parseWith(TargetConfigSchema, config("errors / requests"));
    expect(parsed.policies[1]?.metric).toMatchObject({ math: { expression: "errors / requests" } });
  });
});
