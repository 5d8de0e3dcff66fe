// Twenty services in one cluster take two DescribeServices batches of 10. The second batch is throttled on every
// attempt (the SDK's five and the adapter's own retry): the adapter splits it, so its services are described in
// halves and decide like the others. One service keeps being throttled in any call that names it: only its
// target fails.
import { describe, expect, it } from "vitest";
import { faultWorld } from "../support/fault-world.ts";
import { throttling } from "../support/sdk-faults.ts";
import { scenarioFigures } from "./support/figures.ts";
import { backlogConfig, busyService } from "./support/fleet.ts";
import { runScenario } from "./support/run-scenario.ts";

const MINUTES = 12;
const NAMES = Array.from({ length: 20 }, (_, i) => `s${String(i + 1).padStart(2, "0")}`);
const SECOND_BATCH = new Set(NAMES.slice(10));
const STUCK = "s15";

async function scenario(stuck: boolean) {
  const world = faultWorld({
    services: NAMES.map((name) =>
      name === "s12" || name === "s03" ? busyService(name, MINUTES) : { name, initialDesired: 1 },
    ),
    latencyMs: 50,
    hook(call) {
      if (call.operation !== "DescribeServices") return undefined;
      const names = (call.input as { services?: string[] }).services ?? [];
      const second = names.length === 10 && names.every((n) => SECOND_BATCH.has(n));
      // The adapter's retries and splits must absorb the batch's throttling: no target is its subject.
      if (second) return { kind: "fail-before", error: throttling(), subjects: [] };
      if (stuck && names.includes(STUCK)) {
        return { kind: "fail-before", error: throttling(), subjects: [`service/sim/${STUCK}`] };
      }
      return undefined;
    },
    faultyTargets: stuck ? [`service/sim/${STUCK}`] : [],
  });
  for (const service of world.services) await world.register(backlogConfig(service.id, service.queueUrl));
  // No settling minutes: the faults last the whole run (nothing is left pending by a throttled read).
  await runScenario(world, { minutes: MINUTES, settleMinutes: 0 });
  return world;
}

describe("a throttled DescribeServices batch (the second batch of 10)", () => {
  it("is split and retried, so its services decide like the others", async ({ task }) => {
    const world = await scenario(false);
    const figures = await scenarioFigures("DescribeServices 2nd batch throttled", world);
    task.meta.faultFigures = figures;
    expect(figures.faultsInjected).toBeGreaterThan(MINUTES * 4 * 5);
    const outcomes = world.passes.flatMap((p) => p.summary.outcomes);
    expect(outcomes.filter((o) => o.status !== "Unchanged" && o.status !== "Successful")).toEqual([]);
    expect(world.history.changes.filter((c) => c.resource === "service/sim/s12").length).toBeGreaterThan(0);
    expect(figures.lostActivityRecords).toBe(0);
    expect(figures.otherTargetsAffected).toBe(0);
  });

  it("fails only the service that stays throttled", async ({ task }) => {
    const world = await scenario(true);
    const figures = await scenarioFigures("DescribeServices: 1 service stays throttled", world);
    task.meta.faultFigures = figures;
    const stuck = world.outcomesOf(`service/sim/${STUCK}`);
    expect(stuck.map((o) => `${o.status} ${o.error?.code}`)).toEqual(stuck.map(() => "Failed Throttled"));
    expect(world.history.changes.filter((c) => c.resource === "service/sim/s12").length).toBeGreaterThan(0);
    expect(figures.lostActivityRecords).toBe(0);
    expect(figures.otherTargetsAffected).toBe(0);
  });
});
