import { evaluate } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { codes, cpuPolicy, fifteen, request, series } from "../support/requests.ts";

function decide(
  metrics: object,
  opts: { managed: boolean; takeOver?: boolean; desired?: number; min?: number },
) {
  const desired = opts.desired ?? 10;
  return evaluate(
    request({
      target: {
        id: "service/prod/web",
        minCapacity: opts.min ?? 1,
        maxCapacity: 100,
        ...(opts.takeOver !== undefined && { takeOver: opts.takeOver }),
      },
      policies: [cpuPolicy()],
      observation: {
        runningCount: desired,
        desiredCount: desired,
        managedByApplicationAutoScaling: opts.managed,
        metrics: metrics as never,
      },
    }),
  );
}

const high = { cpu: series([100, 100, 100]) };

describe("a service Application Auto Scaling still manages", () => {
  it("is held at its desired count, the reason first and saying what Gantry would do", () => {
    const decision = decide(high, { managed: true });
    expect(decision.action).toBe("None");
    expect(decision.desiredCapacity).toBe(10);
    expect(decision.reasons[0]?.code).toBe("ManagedByApplicationAutoScaling");
    expect(decision.reasons[0]?.message).toContain("would set 10 → 20");
    expect(codes(decision)).toContain("TargetTrackingScaleOut");
  });
  it("is not even brought inside its bounds (the other controller owns them)", () => {
    const decision = decide({ cpu: series(fifteen(50)) }, { managed: true, desired: 2, min: 5 });
    expect(decision.desiredCapacity).toBe(2);
    expect(codes(decision)).toContain("ManagedByApplicationAutoScaling");
  });
  it("is scaled when the target says takeOver: true", () => {
    const decision = decide(high, { managed: true, takeOver: true });
    expect(decision.desiredCapacity).toBe(20);
    expect(codes(decision)).not.toContain("ManagedByApplicationAutoScaling");
  });
  it("is scaled as usual once deregistered", () => {
    expect(decide(high, { managed: false }).desiredCapacity).toBe(20);
  });
});
