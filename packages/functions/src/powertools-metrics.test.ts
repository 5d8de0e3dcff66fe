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
  it("keeps each capacity group's DesiredInstances apart under its CapacityGroup dimension", async () => {
    const lines = await emit((telemetry) => {
      telemetry.record("DesiredInstances", 4, "None", "capacity/asg-a");
      telemetry.record("DesiredInstances", 9, "None", "capacity/asg-b");
    });
    expect(lines.map((line) => [line.CapacityGroup, line.DesiredInstances])).toEqual([
      ["capacity/asg-a", 4],
      ["capacity/asg-b", 9],
    ]);
    for (const line of lines) {
      expect(line._aws.CloudWatchMetrics[0]).toMatchObject({
        Namespace: "GantryTest",
        Dimensions: [["service", "CapacityGroup"]],
      });
      expect(line.service).toBe("gantry-test");
    }
  });

  it("keeps counters, and names nobody declared, aggregated by service only, even when an id is given", async () => {
    const lines = await emit((telemetry) => {
      telemetry.record("Decisions", 1, "Count", "service/prod/worker");
      telemetry.record("Decisions", 1, "Count", "service/prod/api");
      telemetry.record("NotDeclared", 2, "None", "service/prod/api");
      telemetry.record("PassDuration", 812, "Milliseconds");
    });
    expect(lines).toHaveLength(1);
    const [line] = lines as [Emf];
    expect(line).not.toHaveProperty("TargetId");
    expect(line).not.toHaveProperty("CapacityGroup");
    expect(line._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([["service"]]);
    expect(line).toMatchObject({ Decisions: [1, 1], NotDeclared: 2, PassDuration: 812 });
  });
});
