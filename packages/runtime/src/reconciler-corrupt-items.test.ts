// A target item that no longer parses (say, after a rollback to a Gantry whose strict schema rejects a newer
// field) is logged, counted and reported every pass; its wake alarm is kept; the other targets still scale.

import { configOf, simWorld, workerConfig } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";

type World = ReturnType<typeof simWorld>;
type Service = World["services"][number];

/** Two scale-to-zero workers, reconciled once so that both have their wake alarm. */
async function twoWorkers() {
  const world = simWorld([{ name: "asleep" }, { name: "busy" }], { alarms: true });
  const [asleep, busy] = world.services as [Service, Service];
  for (const svc of [asleep, busy])
    await world.store.putConfig(configOf(workerConfig(svc, { minCapacity: 0 })), 0);
  await world.reconciler.reconcile({ deadline: world.deadline() });
  return { world, asleep, busy, alarmsBefore: [...world.alarms.alarms.keys()].sort() };
}

/** Rewrites `svc`'s item as a newer Gantry would have: a target field this version's schema rejects. */
function corrupt(world: World, svc: Service): void {
  const config = { ...workerConfig(svc, { minCapacity: 0 }), newerField: true };
  world.store.putRawItem(svc.id, { config, version: 1, updatedAt: 1 });
}

describe("a corrupt target item in a full pass", () => {
  it("is logged with its reason, counted, listed in the summary; its wake alarm stays; the others scale", async () => {
    const { world, asleep, busy, alarmsBefore } = await twoWorkers();
    expect(alarmsBefore.map((name) => name.replace(/^gantry-[0-9a-f]{12}-/, "")).sort()).toEqual([
      "asleep-wake",
      "busy-wake",
    ]);
    corrupt(world, asleep);
    world.account.send(asleep.queueUrl, 200);
    world.account.send(busy.queueUrl, 40);
    world.logs.length = 0;
    world.metrics.length = 0;

    const summary = await world.reconciler.reconcile({ deadline: world.deadline() });

    expect(summary.outcomes).toEqual([expect.objectContaining({ targetId: busy.id, status: "Successful" })]);
    expect(world.desired(busy)).toBe(4);
    expect(summary.problems).toEqual([
      { targetId: asleep.id, message: expect.stringMatching(/service\/sim\/asleep is corrupt: config/) },
    ]);
    expect(world.logs).toContainEqual({
      level: "error",
      message: "target item is corrupt: not reconciled, its alarms kept",
      fields: { targetId: asleep.id, code: "CorruptItem", reason: summary.problems[0]?.message },
    });
    expect(world.metric("CorruptItems")).toBe(1);
    expect([...world.alarms.alarms.keys()].sort()).toEqual(alarmsBefore);
    expect(world.alarms.calls.filter((c) => c.method === "deleteAlarms")).toEqual([]);
    expect(world.logs).toContainEqual(
      expect.objectContaining({
        level: "warn",
        message: "orphan alarms kept: some targets could not be read",
      }),
    );
  });

  it("deletes orphans again once the item is repaired, and counts 0 corrupt items", async () => {
    const { world, asleep, busy } = await twoWorkers();
    corrupt(world, asleep);
    await world.reconciler.reconcile({ deadline: world.deadline() });
    await world.store.putConfig(configOf(workerConfig(asleep, { minCapacity: 0 })), 1);
    await world.store.deleteTarget(busy.id, 1);
    world.metrics.length = 0;

    const summary = await world.reconciler.reconcile({ deadline: world.deadline() });

    expect(summary.problems).toEqual([]);
    expect(world.metric("CorruptItems")).toBe(0);
    expect([...world.alarms.alarms.keys()]).toEqual([expect.stringMatching(/-asleep-wake$/)]);
  });
});

describe("a corrupt target named by an alarm", () => {
  it("fails that target with code CorruptItem, and counts it", async () => {
    const { world, asleep, busy } = await twoWorkers();
    corrupt(world, asleep);
    world.metrics.length = 0;

    const summary = await world.reconciler.reconcile({
      deadline: world.deadline(),
      targetIds: [asleep.id, busy.id],
    });

    const byId = Object.fromEntries(summary.outcomes.map((o) => [o.targetId, o]));
    expect(byId[asleep.id]).toMatchObject({ status: "Failed", error: { code: "CorruptItem" } });
    expect(byId[busy.id]?.status).not.toBe("Failed");
    expect(summary.problems.map((p) => p.targetId)).toEqual([asleep.id]);
    expect(world.metric("CorruptItems")).toBe(1);
  });
});
