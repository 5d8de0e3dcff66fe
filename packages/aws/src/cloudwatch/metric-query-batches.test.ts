import type { MetricQuery } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { batchMetricQueries } from "./metric-query-batches.ts";

const stat = (id: string): MetricQuery => ({
  id,
  stat: { namespace: "N", metricName: "M", dimensions: [], statistic: "Sum" },
  periodSeconds: 60,
  returnData: false,
});
const math = (id: string, expression: string): MetricQuery => ({
  id,
  expression,
  periodSeconds: 60,
  returnData: true,
});
const ids = (batches: MetricQuery[][]) => batches.map((batch) => batch.map((query) => query.id));

describe("batchMetricQueries", () => {
  it("packs independent queries up to the limit", () => {
    expect(ids(batchMetricQueries(["a", "b", "c", "d", "e"].map(stat), 2))).toEqual([
      ["a", "b"],
      ["c", "d"],
      ["e"],
    ]);
  });

  it("moves an expression and its inputs into the next batch together", () => {
    const queries = [stat("a"), stat("x"), stat("y"), math("e", "x + y")];
    expect(ids(batchMetricQueries(queries, 3))).toEqual([["a"], ["x", "y", "e"]]);
  });

  it("follows chains of expressions", () => {
    const queries = [stat("x"), math("e1", "x * 2"), stat("a"), math("e2", "e1 + 1")];
    expect(ids(batchMetricQueries(queries, 3))).toEqual([["x", "e1", "e2"], ["a"]]);
  });

  it("keeps everything together for METRICS()", () => {
    const queries = [stat("a"), stat("b"), math("total", "SUM(METRICS())")];
    expect(ids(batchMetricQueries(queries, 3))).toEqual([["a", "b", "total"]]);
    expect(() => batchMetricQueries(queries, 2)).toThrow(/one GetMetricData call takes 2/);
  });
});
