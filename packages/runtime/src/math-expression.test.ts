import { describe, expect, it } from "vitest";
import { rewriteMathExpression } from "./math-expression.ts";

const ids = new Map([
  ["a", "m3_0"],
  ["b2", "m3_1"],
  ["errors_x", "m3_2"],
]);

describe("rewriteMathExpression", () => {
  it.each([
    ["a + b2", "m3_0 + m3_1"],
    ["(a*100)/b2", "(m3_0*100)/m3_1"],
    ["RATE(errors_x)", "RATE(m3_2)"],
    ["ab + a", "ab + m3_0"],
    ["FILL(a, 0) + c", "FILL(m3_0, 0) + c"],
    ["SEARCH('{App,Host} a b2', 'Average', 60)", "SEARCH('{App,Host} a b2', 'Average', 60)"],
    ['SUM(METRICS("rr"))', "SUM([m3_2])"],
    ["AVG(METRICS())", "AVG([m3_0, m3_1, m3_2])"],
    ["MAX(METRICS('zzz'))", "MAX(METRICS('zzz'))"],
  ])("%s → %s", (expression, expected) => {
    expect(rewriteMathExpression(expression, ids)).toBe(expected);
  });
});
