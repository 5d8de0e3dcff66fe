import "@gantry/testing/test-env";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { captureOutput } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { toReconcileMetrics } from "./powertools-metrics.ts";

type Emf = { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] } } & Record<
  string,
  unknown
>;

function emit(record: (telemetry: ReturnType<typeof toReconcileMetrics>) => void) {
  const metrics = new Metrics({ namespace: "GantryTest", serviceName: "gantry-test" });
  return captureOutput(async () => {
    record(toReconcileMetrics(metrics));
    metrics.publishStoredMetrics();
  }).then(({ lines }) => lines as Emf[]);
}

describe("toReconcileMetrics", () => {
  it("gives desired and running gauges a TargetId dimension", async () => {
    const lines = await emit((telemetry) => {
      telemetry.record("DesiredCount", 4, "None", "service/prod/worker");
      telemetry.record("running", 3, "None", "service/prod/worker");
    });
    const perTarget = lines.filter((line) => line.TargetId === "service/prod/worker");
    expect(perTarget.map((line) => [line.DesiredCount ?? line.running])).toEqual([[4], [3]]);
    for (const line of perTarget) {
      expect(line._aws.CloudWatchMetrics[0]).toMatchObject({
        Namespace: "GantryTest",
        Dimensions: [["service", "TargetId"]],
      });
      expect(line.service).toBe("gantry-test");
    }
  });

  it("keeps every other metric aggregated by service only, even when a target is named", async () => {
    const lines = await emit((telemetry) => {
      telemetry.record("Decisions", 1, "Count", "service/prod/worker");
      telemetry.record("Decisions", 1, "Count", "service/prod/api");
      telemetry.record("ReconcileDuration", 812, "Milliseconds");
    });
    expect(lines).toHaveLength(1);
    const [line] = lines as [Emf];
    expect(line).not.toHaveProperty("TargetId");
    expect(line._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([["service"]]);
    expect(line).toMatchObject({ Decisions: [1, 1], ReconcileDuration: 812 });
  });
});
