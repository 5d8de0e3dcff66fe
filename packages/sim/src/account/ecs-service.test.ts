import { describe, expect, it } from "vitest";
import type { PlacementHook } from "./placement.ts";
import { SimAccount, type SimAccountOptions } from "./sim-account.ts";

function setup(options: SimAccountOptions = {}) {
  const account = new SimAccount({ attributeLagSeconds: 0, ...options });
  const service = account.addService({ name: "w" });
  const counts = () => ({
    ...service.snapshot(),
    draining: service.ecs.drainingCount,
    ...service.exactDepth(),
    processed: service.queue.deleted,
  });
  return { account, service, counts };
}

describe("task lifecycle", () => {
  it("starts tasks after the startup delay (default 45 s)", () => {
    const { account, service, counts } = setup();
    account.setDesiredCount(service.id, 2);
    expect(counts()).toMatchObject({ desiredCount: 2, runningCount: 0, pendingCount: 2 });
    account.advanceTo(44_999);
    expect(counts()).toMatchObject({ runningCount: 0, pendingCount: 2 });
    account.advanceTo(45_000);
    expect(counts()).toMatchObject({ runningCount: 2, pendingCount: 0 });
  });

  it("takes a configurable startup delay and starts initial tasks RUNNING", () => {
    const account = new SimAccount({ taskStartupSeconds: 10 });
    const service = account.addService({ name: "w", initialDesired: 3 });
    expect(service.snapshot()).toMatchObject({ desiredCount: 3, runningCount: 3, pendingCount: 0 });
    account.setDesiredCount(service.id, 4);
    account.advance(10_000);
    expect(service.snapshot()).toMatchObject({ runningCount: 4 });
  });

  it("processes one message at a time per task, and records the wait", () => {
    const { account, service, counts } = setup({ taskStartupSeconds: 0 });
    account.setDesiredCount(service.id, 1);
    account.advance(0);
    account.send(service.queueUrl, 3, 2);
    expect(counts()).toMatchObject({ visible: 2, inFlight: 1 });
    account.advance(6_000);
    expect(counts()).toMatchObject({ visible: 0, inFlight: 0, processed: 3 });
    expect(service.ecs.waits.summarize(1)).toMatchObject({ count: 3, maxWaitS: 4, withinSlo: 1 });
  });

  it("runs `concurrency` messages at once on one task", () => {
    const account = new SimAccount({ concurrency: 3, attributeLagSeconds: 0 });
    const service = account.addService({ name: "w", initialDesired: 1 });
    account.send(service.queueUrl, 4, 1);
    expect(service.exactDepth()).toMatchObject({ visible: 1, inFlight: 3 });
  });
});

describe("scale-in", () => {
  it("stops pending tasks first, then idle ones, and drains busy ones", () => {
    const { account, service, counts } = setup();
    account.setDesiredCount(service.id, 3);
    account.advance(45_000);
    account.send(service.queueUrl, 1, 100);
    account.setDesiredCount(service.id, 5);
    expect(counts()).toMatchObject({ runningCount: 3, pendingCount: 2 });
    account.setDesiredCount(service.id, 2);
    // Two pending go first, then one of the two idle running tasks.
    expect(counts()).toMatchObject({ runningCount: 2, pendingCount: 0, draining: 0, inFlight: 1 });
    account.setDesiredCount(service.id, 0);
    // The idle one stops; the busy one drains, out of the running count.
    expect(counts()).toMatchObject({ runningCount: 0, draining: 1, inFlight: 1 });
  });

  it("lets a stopping task finish its message, take no other, then stop", () => {
    const { account, service, counts } = setup();
    account.setDesiredCount(service.id, 1);
    account.advance(45_000);
    account.send(service.queueUrl, 2, 10);
    account.setDesiredCount(service.id, 0);
    account.advance(9_999);
    expect(counts()).toMatchObject({ draining: 1, inFlight: 1, visible: 1 });
    const before = service.ecs.tasks.taskMs(account.now());
    account.advance(1);
    expect(counts()).toMatchObject({ draining: 0, inFlight: 0, visible: 1, processed: 1 });
    account.advance(60_000);
    expect(service.ecs.tasks.taskMs(account.now())).toBe(before + 1);
  });
});

describe("billing", () => {
  it("bills a task from launch to stop, and at least minimumBilledSeconds once it stops", () => {
    const run = (options: SimAccountOptions) => {
      const { account, service } = setup(options);
      account.setDesiredCount(service.id, 2);
      account.advance(20_000);
      account.setDesiredCount(service.id, 1); // one task stops while still starting, 20 s old
      account.advance(100_000);
      return service.ecs.tasks.taskMs(account.now());
    };
    // The live task's 120 s plus the stopped one's 20 s, or its minute under Fargate's minimum.
    expect(run({})).toBe(140_000);
    expect(run({ minimumBilledSeconds: 60 })).toBe(180_000);
  });

  it("refuses a negative minimum, naming the field", () => {
    expect(() => setup({ minimumBilledSeconds: -1 })).toThrow(/minimumBilledSeconds must be a number ≥ 0/);
  });
});

describe("scale-in without scale-in protection", () => {
  it("stops a busy task mid-message; the message returns after the visibility timeout and is redone", () => {
    const { account, service, counts } = setup({ scaleInProtection: false, visibilityTimeoutSeconds: 30 });
    account.setDesiredCount(service.id, 1);
    account.advance(45_000);
    account.send(service.queueUrl, 1, 10);
    account.advance(5_000);
    const billed = service.ecs.tasks.taskMs(account.now());
    account.setDesiredCount(service.id, 0);
    // Stopped at once (no draining) and no longer billed; the message is still invisible.
    expect(counts()).toMatchObject({ runningCount: 0, draining: 0, inFlight: 1, visible: 0 });
    account.advance(10_000);
    expect(service.ecs.tasks.taskMs(account.now())).toBe(billed);
    expect(counts()).toMatchObject({ inFlight: 1, processed: 0 });
    // 30 s after the receive (at 45 s) it is visible again.
    account.advance(14_999);
    expect(counts()).toMatchObject({ inFlight: 1, visible: 0 });
    account.advance(1);
    expect(counts()).toMatchObject({ inFlight: 0, visible: 1 });
    expect(service.queue.redeliveries).toBe(1);
    account.setDesiredCount(service.id, 1);
    account.advance(55_000);
    expect(counts()).toMatchObject({ processed: 1, visible: 0 });
    // Only the finished run counts as work served; its wait runs from the first arrival.
    expect(service.ecs.tasks.servedWorkMs).toBe(10_000);
    expect(service.ecs.waits.summarize(60)).toMatchObject({ count: 1, maxWaitS: 75 });
  });

  it("picks running tasks newest first, busy or not, since ECS cannot tell", () => {
    const scaleToOne = (scaleInProtection: boolean) => {
      const { account, service, counts } = setup({ scaleInProtection, taskStartupSeconds: 0 });
      account.setDesiredCount(service.id, 1);
      account.advance(1_000);
      account.setDesiredCount(service.id, 2);
      account.advance(1_000);
      // The newer task takes the message (last freed slot first); the older one stays idle.
      account.send(service.queueUrl, 1, 100);
      account.setDesiredCount(service.id, 1);
      account.advance(100_000);
      return { ...counts(), redeliveries: service.queue.redeliveries };
    };
    // Protected: the idle older task goes and the message is done. Not: the busy newer one goes with it.
    expect(scaleToOne(true)).toMatchObject({ runningCount: 1, processed: 1, inFlight: 0 });
    expect(scaleToOne(false)).toMatchObject({ runningCount: 1, processed: 0, inFlight: 1, redeliveries: 0 });
  });
});

describe("placement hook", () => {
  it("keeps refused tasks PENDING until placement accepts them", () => {
    let room = 1;
    const placement: PlacementHook = {
      tryPlace: () => {
        if (room === 0) return false;
        room--;
        return true;
      },
      release: () => {
        room++;
      },
    };
    const { account, service, counts } = setup({ placement, taskStartupSeconds: 5 });
    account.setDesiredCount(service.id, 2);
    account.advance(60_000);
    expect(counts()).toMatchObject({ runningCount: 1, pendingCount: 1 });
    room = 1;
    account.advance(1_000);
    account.advance(5_000);
    expect(counts()).toMatchObject({ runningCount: 2, pendingCount: 0 });
    account.setDesiredCount(service.id, 0);
    expect(room).toBe(2);
  });
});

describe("visibility timeout", () => {
  it("returns a message whose processing outlasts it, as a redelivery", () => {
    const account = new SimAccount({ visibilityTimeoutSeconds: 30, maxReceiveCount: 2 });
    const service = account.addService({ name: "w", initialDesired: 1 });
    account.send(service.queueUrl, 1, 40);
    account.advance(30_000);
    expect(service.queue.redeliveries).toBe(1);
    expect(service.exactDepth()).toMatchObject({ inFlight: 1 });
    account.advance(30_000);
    // The second receive fails too: with maxReceiveCount 2 the message goes to the dead-letter queue.
    expect(service.queue).toMatchObject({ redeliveries: 1, deadLettered: 1, deleted: 0, queued: 0 });
  });
});
