import type { SimService } from "@gantry/sim";
import { configOf, simWorld } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";

/** Worker utilization with batched launch from zero: a 120 s wait allowed, 45 s starts, 2 s per message. */
function batched(service: SimService) {
  return configOf({
    target: { id: service.id, minCapacity: 0, maxCapacity: 10 },
    policies: [
      {
        name: "workers",
        type: "TargetTracking",
        targetValue: 100,
        metric: { sqsUtilization: { queueUrl: service.queueUrl, processingSeconds: 2, drainSeconds: 60 } },
        scaleOutCooldown: 0,
        scaleInCooldown: 0,
        evaluation: { periodSeconds: 15, scaleOutDatapoints: 1, scaleInDatapoints: 1 },
      },
    ],
    behavior: {
      scaleToZero: { idleSeconds: 0 },
      startup: { taskStartSeconds: 45, breakEvenScaleIn: true, maxWaitSeconds: 120 },
    },
  });
}

describe("batched launch from zero in the reconciler", () => {
  it("lets a message wait for a batch, launches in time, and writes nothing while the queue stays empty", async () => {
    const world = simWorld([{ name: "jobs", initialDesired: 0 }]);
    const [jobs] = world.services as [SimService];
    await world.store.putConfig(batched(jobs), 0);
    const pass = async () => {
      await world.reconciler.reconcile({ deadline: world.deadline() });
      world.account.advance(15_000);
    };

    await pass();
    const idleVersion = (await world.store.getTarget(jobs.id))?.stateVersion;
    await pass();
    await pass();
    // Idle passes only move emptyAt and other clocks, kept in the container's memory.
    expect((await world.store.getTarget(jobs.id))?.stateVersion).toBe(idleVersion);

    const sentAt = world.account.now();
    world.account.send(jobs.queueUrl, 1);
    await pass();
    const deferred = await world.store.getTarget(jobs.id);
    expect(world.desired(jobs)).toBe(0);
    expect(deferred?.lastDecision?.reasons.map((r) => r.code)).toContain("LaunchBatched");

    let launchedAt: number | undefined;
    for (let i = 0; i < 8 && launchedAt === undefined; i++) {
      world.account.send(jobs.queueUrl, 1);
      const before = world.account.now();
      await pass();
      if (world.desired(jobs) > 0) launchedAt = before;
    }
    // The oldest may be 15 s older than the pass that first saw it: the launch comes by 120 − 45 − 15 − work.
    expect(launchedAt).toBeDefined();
    expect((launchedAt as number) - sentAt).toBeGreaterThanOrEqual(30_000);
    expect((launchedAt as number) - sentAt).toBeLessThanOrEqual(120_000 - 45_000 - 15_000);
    expect(world.desired(jobs)).toBe(1);
    expect(world.updates).toEqual([[jobs.id, 1]]);
  });
});
