import { describe, expect, it } from "vitest";
import { TargetSchema } from "../model/target.ts";
import { CapacityConfigSchema } from "./capacity-config.ts";

describe("CapacityConfigSchema", () => {
  it("fills ECS's and cluster-autoscaler's defaults", () => {
    expect(
      CapacityConfigSchema.parse({ mode: "capacityProvider", name: "cp-workers", maxInstances: 10 }),
    ).toEqual({
      mode: "capacityProvider",
      name: "cp-workers",
      targetCapacity: 100,
      minInstances: 0,
      maxInstances: 10,
      minimumScalingStepSize: 1,
      maximumScalingStepSize: 10_000,
      instanceWarmupSeconds: 300,
      scaleInUnneededSeconds: 600,
      delayAfterScaleOutSeconds: 600,
      headroomTasks: 0,
    });
  });

  it.each([
    ["an unknown mode", { mode: "fargate" }, "mode"],
    ["an empty name", { name: "" }, "name"],
    ["a name over 255 characters", { name: "x".repeat(256) }, "name"],
    ["target capacity 0", { targetCapacity: 0 }, "targetCapacity"],
    ["target capacity over 100", { targetCapacity: 101 }, "targetCapacity"],
    ["max below min", { minInstances: 5, maxInstances: 4 }, "maxInstances"],
    ["a step size of 0", { minimumScalingStepSize: 0 }, "minimumScalingStepSize"],
    ["a step size over 10000", { maximumScalingStepSize: 10_001 }, "maximumScalingStepSize"],
    [
      "maximum step below minimum step",
      { minimumScalingStepSize: 5, maximumScalingStepSize: 2 },
      "maximumScalingStepSize",
    ],
    ["negative warm-up", { instanceWarmupSeconds: -1 }, "instanceWarmupSeconds"],
    ["negative headroom", { headroomTasks: -1 }, "headroomTasks"],
    ["a fractional headroom", { headroomTasks: 1.5 }, "headroomTasks"],
    [
      "scale-in headroom below the scale-out headroom",
      { headroomTasks: 3, scaleInHeadroomTasks: 2 },
      "scaleInHeadroomTasks",
    ],
    ["an unknown field", { instanceWarmupPeriod: 300 }, ""],
  ])("rejects %s", (_, patch, path) => {
    const result = CapacityConfigSchema.safeParse({
      mode: "asg",
      name: "workers",
      maxInstances: 10,
      ...patch,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain(path);
  });

  it("is the optional `capacity` block of a target, which stays strict", () => {
    const target = { id: "service/prod/worker", minCapacity: 0, maxCapacity: 50 };
    expect(TargetSchema.parse(target).capacity).toBeUndefined();
    const withCapacity = TargetSchema.parse({
      ...target,
      capacity: { mode: "asg", name: "workers", maxInstances: 8 },
    });
    expect(withCapacity.capacity).toMatchObject({
      mode: "asg",
      targetCapacity: 100,
      scaleInUnneededSeconds: 600,
    });
    expect(
      TargetSchema.safeParse({ ...target, capacity: { mode: "asg", name: "w", maxInstances: 1, x: 1 } })
        .success,
    ).toBe(false);
    expect(TargetSchema.safeParse({ ...target, minCapacity: 60 }).success).toBe(false);
  });
});
