import { ValidationError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { rewriteMathExpression } from "./math-expression.ts";

const ids = new Map([
  ["a", "t3_p0_0"],
  ["b2", "t3_p0_1"],
  ["errors_x", "t3_p0_2"],
]);

describe("rewriteMathExpression", () => {
  it.each([
    ["a + b2", "t3_p0_0 + t3_p0_1"],
    ["(a*100)/b2", "(t3_p0_0*100)/t3_p0_1"],
    ["RATE(errors_x)", "RATE(t3_p0_2)"],
    ["FILL(a, REPEAT) + 1e3 * .5", "FILL(t3_p0_0, REPEAT) + 1e3 * .5"],
    ["IF(a > 0 AND b2 > 0, a / b2, 0)", "IF(t3_p0_0 > 0 AND t3_p0_1 > 0, t3_p0_0 / t3_p0_1, 0)"],
    ["SEARCH('{App,Host} a b2', 'Average', 60)", "SEARCH('{App,Host} a b2', 'Average', 60)"],
    ['SUM(METRICS("rr"))', "SUM([t3_p0_2])"],
    ["AVG(METRICS())", "AVG([t3_p0_0, t3_p0_1, t3_p0_2])"],
  ])("%s → %s", (expression, expected) => {
    expect(rewriteMathExpression(expression, ids)).toBe(expected);
  });

  // Each of these would otherwise reach past the policy's own inputs to whatever else the request holds.
  it.each([
    ["a + m0", "m0"],
    ["ab + a", "ab"],
    ["10t0_p0", "t0_p0"],
    ["MAX(METRICS('zzz'))", "METRICS('zzz')"],
  ])("refuses %s, naming %s", (expression, named) => {
    const refuse = () => rewriteMathExpression(expression, ids);
    expect(refuse).toThrow(ValidationError);
    expect(refuse).toThrow(named);
    expect(refuse).toThrow(expect.objectContaining({ field: "metric.math.expression" }));
  });
});
