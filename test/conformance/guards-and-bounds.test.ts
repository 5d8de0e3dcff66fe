import { evaluate } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { codes, cpuPolicy, fifteen, request, series } from "../support/requests.ts";

const high = { cpu: series([100, 100, 100]) };
const low = { cpu: series(fifteen(10)) };
type Suspended = {
  dynamicScalingInSuspended?: boolean;
  dynamicScalingOutSuspended?: boolean;
  scheduledScalingSuspended?: boolean;
};

function decide(
  metrics: object,
  opts: { desired?: number; min?: number; max?: number; deploying?: boolean; suspended?: Suspended } = {},
) {
  const desired = opts.desired ?? 10;
  return evaluate(
    request({
      target: {
        id: "service/prod/web",
        minCapacity: opts.min ?? 1,
        maxCapacity: opts.max ?? 100,
        ...(opts.suspended && { suspendedState: opts.suspended }),
      },
      policies: [cpuPolicy()],
      observation: {
        runningCount: desired,
        desiredCount: desired,
        deploymentInProgress: opts.deploying ?? false,
        metrics: metrics as never,
      },
    }),
  );
}

describe("deployment guard [AWS]", () => {
  it("blocks scale-in while an ECS deployment is in progress", () => {
    const decision = decide(low, { deploying: true });
    expect(decision.action).toBe("None");
    expect(codes(decision)).toContain("TargetServicePutResourceAsUnscalable");
  });
  it("still scales out during a deployment", () => {
    expect(decide(high, { deploying: true }).desiredCapacity).toBe(20);
  });
});

describe("suspension", () => {
  it("suspends scale-out alone", () => {
    const decision = decide(high, { suspended: { dynamicScalingOutSuspended: true } });
    expect(decision.action).toBe("None");
    expect(codes(decision)).toContain("DynamicScalingOutSuspended");
    expect(decide(low, { suspended: { dynamicScalingOutSuspended: true } }).action).toBe("ScaleIn");
  });
  it("suspends scale-in alone", () => {
    const decision = decide(low, { suspended: { dynamicScalingInSuspended: true } });
    expect(codes(decision)).toContain("DynamicScalingInSuspended");
    expect(decision.action).toBe("None");
    expect(decide(high, { suspended: { dynamicScalingInSuspended: true } }).action).toBe("ScaleOut");
  });
});

describe("min and max [AWS]", () => {
  it("jumps to min when below it and scaling out", () => {
    const decision = decide({ cpu: series([60, 60, 60]) }, { desired: 2, min: 5 });
    expect(decision.desiredCapacity).toBe(5);
  });
  it("goes to max when above it and scaling in", () => {
    // ceil(30 × 40 / 50) = 24 is still above max 20
    expect(decide({ cpu: series(fifteen(40)) }, { desired: 30, max: 20 }).desiredCapacity).toBe(20);
    expect(decide(low, { desired: 30, max: 20 }).desiredCapacity).toBe(6);
  });
  it("reports AlreadyAtMaxCapacity and AlreadyAtMinCapacity", () => {
    expect(codes(decide(high, { desired: 10, max: 10 }))).toContain("AlreadyAtMaxCapacity");
    expect(codes(decide(low, { desired: 1, min: 1 }))).toContain("AlreadyAtMinCapacity");
  });
  it("caps a scale-out at max", () => {
    const decision = decide(high, { desired: 10, max: 12 });
    expect(decision).toMatchObject({ desiredCapacity: 12, action: "ScaleOut" });
  });
  it("brings a hand-set desired count back inside the bounds", () => {
    expect(decide({}, { desired: 0, min: 2 })).toMatchObject({ desiredCapacity: 2, action: "ScaleOut" });
    expect(codes(decide({}, { desired: 0, min: 2 }))).toContain("BelowMinCapacity");
  });
});
