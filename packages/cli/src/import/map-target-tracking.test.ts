import { describe, expect, it } from "vitest";
import { mapTargetTracking } from "./map-target-tracking.ts";

describe("mapTargetTracking", () => {
  it("writes only the settings AWS has, so Gantry's defaults (AWS's) fill the rest", () => {
    const mapped = mapTargetTracking("cpu", {
      TargetValue: 55.5,
      PredefinedMetricSpecification: { PredefinedMetricType: "ECSServiceAverageCPUUtilization" },
      DisableScaleIn: false,
    });
    expect(mapped).toEqual({
      ok: true,
      value: {
        name: "cpu",
        type: "TargetTracking",
        targetValue: 55.5,
        metric: { predefined: "ECSServiceAverageCPUUtilization" },
      },
    });
  });

  it.each([
    [
      {
        TargetValue: 50,
        PredefinedMetricSpecification: { PredefinedMetricType: "DynamoDBReadCapacityUtilization" },
      },
      "PredefinedMetricType DynamoDBReadCapacityUtilization",
    ],
    [{ TargetValue: 50 }, "TargetTrackingScalingPolicyConfiguration"],
    [
      { PredefinedMetricSpecification: { PredefinedMetricType: "ECSServiceAverageCPUUtilization" } },
      "TargetTrackingScalingPolicyConfiguration.TargetValue",
    ],
    [
      { TargetValue: 50, CustomizedMetricSpecification: { Namespace: "App", MetricName: "Load" } },
      "CustomizedMetricSpecification",
    ],
  ])("reports what it cannot map: %j", (config, setting) => {
    const mapped = mapTargetTracking("p", config);
    expect(!mapped.ok && mapped.problem.setting).toBe(setting);
  });
});
