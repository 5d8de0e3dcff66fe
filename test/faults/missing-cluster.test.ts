// One cluster of three does not exist (ECS answers ClusterNotFoundException for its batch), and one service of
// an existing cluster is gone (MISSING): only their targets fail, every other target decides every pass.
import { describe, expect, it } from "vitest";
import { faultWorld } from "../support/fault-world.ts";
import { scenarioFigures } from "./support/figures.ts";
import { backlogConfig, busyService } from "./support/fleet.ts";
import { runScenario } from "./support/run-scenario.ts";

const MINUTES = 20;
const GHOSTS = ["service/gamma/ingest", "service/gamma/export", "service/alpha/gone"];

describe("one missing cluster among three", () => {
  it("fails only the missing cluster's targets; the others decide every pass", async ({ task }) => {
    const world = faultWorld({
      services: [
        busyService("orders", MINUTES, 300, "alpha"),
        { name: "quiet", cluster: "alpha", initialDesired: 1 },
        busyService("workers", MINUTES, 200, "beta"),
        { name: "idle", cluster: "beta", initialDesired: 1 },
      ],
      latencyMs: 150,
      faultyTargets: GHOSTS,
    });
    for (const service of world.services) await world.register(backlogConfig(service.id, service.queueUrl));
    const [orders] = world.services;
    for (const id of GHOSTS) await world.register(backlogConfig(id, orders?.queueUrl ?? ""));
    await runScenario(world, { minutes: MINUTES, settleMinutes: 1 });
    const figures = await scenarioFigures("one missing cluster among three", world);
    task.meta.faultFigures = figures;

    const failed = (id: string) => world.outcomesOf(id).filter((o) => o.status === "Failed");
    for (const id of GHOSTS) expect(failed(id).length, id).toBe(world.outcomesOf(id).length);
    expect(failed(GHOSTS[0] as string)[0]?.error?.message).toMatch(/cluster gamma does not exist/);
    for (const service of world.services) {
      expect(world.outcomesOf(service.id).length, service.id).toBe(world.passes.length);
    }
    expect(world.history.changes.filter((c) => c.resource.includes("/beta/")).length).toBeGreaterThan(2);
    expect(figures.boundViolations).toBe(0);
    expect(figures.lostActivityRecords).toBe(0);
    expect(figures.otherTargetsAffected).toBe(0);
  });
});
