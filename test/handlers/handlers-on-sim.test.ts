import { alarmTargets } from "@gantry/runtime";
import { describe, expect, it } from "vitest";
import { alarmEvent, handlerWorld } from "../support/handler-world.ts";

const worker = (queueUrl: string, id: string, target: Record<string, unknown> = {}) => ({
  target: { id, minCapacity: 1, maxCapacity: 30, ...target },
  policies: [
    {
      name: "workers",
      type: "TargetTracking" as const,
      targetValue: 100,
      metric: { sqsUtilization: { queueUrl, processingSeconds: 1, drainSeconds: 30 } },
      scaleOutCooldown: 0,
      scaleInCooldown: 0,
      evaluation: { periodSeconds: 15, scaleOutDatapoints: 1, scaleInDatapoints: 1 },
    },
  ],
  behavior: { scaleToZero: { idleSeconds: 60 } },
});

describe("the tick handler on the simulated account", () => {
  it("runs four sub-tick passes a minute and scales a busy worker out, recording the activity", async () => {
    const world = handlerWorld([
      { name: "orders", initialDesired: 1 },
      { name: "quiet", initialDesired: 1 },
    ]);
    const [orders, quiet] = world.services;
    if (!orders || !quiet) throw new Error("no services");
    await world.register(worker(orders.queueUrl, orders.id));
    await world.register(worker(quiet.queueUrl, quiet.id));
    world.account.send(orders.queueUrl, 600);
    const summary = await world.tick();
    expect(summary.passes).toBe(4);
    expect(orders.snapshot().desiredCount).toBeGreaterThan(10);
    expect(quiet.snapshot().desiredCount).toBe(1);
    const record = await world.store.getTarget(orders.id);
    expect(record?.lastDecision?.action).toBeDefined();
    const activities = world.store.activitiesOf(orders.id);
    expect(activities.some((a) => a.action === "ScaleOut" && a.status === "Successful")).toBe(true);
    expect(world.events.published.flat().length).toBe(activities.length);
  });

  it("never applies a dry-run target's decision", async () => {
    const world = handlerWorld([{ name: "orders", initialDesired: 1 }]);
    const [orders] = world.services;
    if (!orders) throw new Error("no service");
    await world.register(worker(orders.queueUrl, orders.id, { dryRun: true }));
    world.account.send(orders.queueUrl, 600);
    await world.tick();
    expect(orders.snapshot().desiredCount).toBe(1);
    expect(world.applied).toEqual([]);
    expect(world.store.activitiesOf(orders.id).every((a) => a.dryRun)).toBe(true);
  });
});

describe("the alarm handler on the simulated account", () => {
  it("wakes a service from zero on its gantry- alarm, once per event id", async () => {
    const world = handlerWorld([{ name: "batch" }]);
    const [batch] = world.services;
    if (!batch) throw new Error("no service");
    const config = worker(batch.queueUrl, batch.id, { minCapacity: 0 });
    await world.register(config);
    const names = [...(await alarmNames(world))];
    expect(names).toHaveLength(1);
    world.account.send(batch.queueUrl, 40);
    const first = await world.alarm(alarmEvent("evt-1", names[0] as string));
    expect(first).toMatchObject({ targetId: batch.id, eventId: "evt-1" });
    const woken = batch.snapshot().desiredCount;
    expect(woken).toBeGreaterThan(0);
    await world.alarm(alarmEvent("evt-1", names[0] as string));
    expect(world.applied).toHaveLength(1);
    expect(await world.alarm(alarmEvent("evt-2", names[0] as string, "OK"))).toEqual({
      ignored: expect.any(String),
    });
  });
});

/** The managed alarms the targets need: here the wake alarm of the scale-to-zero worker. */
async function alarmNames(world: ReturnType<typeof handlerWorld>): Promise<Set<string>> {
  const configs = (await world.store.listTargets()).records.map((r) => r.config);
  return new Set(alarmTargets(configs).keys());
}
