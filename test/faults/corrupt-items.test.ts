// A target's stored item turns corrupt in the middle of the run (a hand edit, a rollback to a Gantry whose schema
// rejects it): the passes go on for every other target, GET /targets lists it under `problems`, the raw item stays
// readable, alarm sync keeps its wake alarm, and a PUT without If-Match repairs it, after which it scales again.
import { RecordingAlarmPort } from "@gantry/runtime/local-stack";
import { describe, expect, it } from "vitest";
import { type FaultWorld, faultWorld, MINUTE, START } from "../support/fault-world.ts";
import { scenarioFigures } from "./support/figures.ts";
import { fleetConfigs, fleetServices, THUMBNAILS } from "./support/fleet.ts";
import { runScenario } from "./support/run-scenario.ts";

const MINUTES = 24;
const CORRUPT_AT = 4;
const REPAIRED_AT = 14;

interface Seen {
  problems: unknown[];
  rawStatus: number;
  alarmsKept: boolean[];
  repair?: number;
}

/** Breaks the item as a hand edit would: a policy type this Gantry does not know. */
async function corrupt(world: FaultWorld): Promise<void> {
  const raw = await world.memory.getRawTarget(THUMBNAILS);
  if (!raw) throw new Error("no item to corrupt");
  const item = structuredClone(raw.item) as { config: { policies: { type: string }[] } };
  for (const policy of item.config.policies) policy.type = "StepScalingV2";
  world.memory.putRawItem(THUMBNAILS, item);
}

async function minute(world: FaultWorld, m: number, seen: Seen, alarms: RecordingAlarmPort, wake: string[]) {
  if (m === CORRUPT_AT) await corrupt(world);
  if (m === REPAIRED_AT) {
    const config = fleetConfigs(world.services)[1];
    if (config) seen.repair = (await world.putConfig(config)).status;
  }
  await world.tick();
  if (m >= CORRUPT_AT && m < REPAIRED_AT) {
    seen.alarmsKept.push(wake.every((name) => alarms.alarms.has(name)));
    if (m === CORRUPT_AT + 2) {
      const list = await world.request("GET", "/targets");
      seen.problems = (list.body as { problems?: unknown[] }).problems ?? [];
      seen.rawStatus = (await world.request("GET", `/targets/sim/thumbnails/raw`)).status;
    }
  }
}

describe("a corrupt item", () => {
  it("is surfaced, keeps its alarms, leaves the others alone, and is repaired by a PUT", async ({ task }) => {
    const alarms = new RecordingAlarmPort();
    const world = faultWorld({
      services: fleetServices(MINUTES, ["audit"]),
      latencyMs: 150,
      alarms,
      faultyTargets: [THUMBNAILS],
    });
    for (const config of fleetConfigs(world.services)) await world.register(config);
    await world.tick();
    const wake = [...alarms.alarms.keys()];
    const seen: Seen = { problems: [], rawStatus: 0, alarmsKept: [] };
    await runScenario(world, {
      minutes: MINUTES,
      minute: (w, m) => minute(w, m, seen, alarms, wake),
      alarmsAt: () => false,
    });
    const figures = await scenarioFigures("corrupt item, then repaired by a PUT", world);
    // The corruption is the fault: planted below the store, so the hooks did not count it.
    const mix = { ...figures.mix, "dynamodb item corrupted (unknown policy type)": 1 };
    task.meta.faultFigures = { ...figures, faultsInjected: figures.faultsInjected + 1, mix };

    expect(wake.length).toBeGreaterThan(0);
    expect(seen.problems).toEqual([expect.objectContaining({ id: THUMBNAILS, code: "CorruptItem" })]);
    expect(seen.rawStatus).toBe(200);
    expect(seen.alarmsKept.length).toBe(REPAIRED_AT - CORRUPT_AT);
    expect(seen.alarmsKept.every(Boolean)).toBe(true);
    expect(seen.repair).toBe(200);
    const changes = (from: number, to: number) =>
      world.history.changes.filter(
        (c) =>
          c.resource === THUMBNAILS &&
          c.from !== c.to &&
          c.at >= START + from * MINUTE &&
          c.at < START + to * MINUTE,
      );
    expect(changes(CORRUPT_AT + 1, REPAIRED_AT)).toEqual([]);
    expect(changes(REPAIRED_AT, MINUTES).length).toBeGreaterThan(0);
    expect(figures.boundViolations).toBe(0);
    expect(figures.doubleSteps).toBe(0);
    expect(figures.lostConfigWrites).toBe(0);
    expect(figures.lostActivityRecords).toBe(0);
    expect(figures.otherTargetsAffected).toBe(0);
    expect(figures.unconditionalWritesRefused).toBe(0);
  });
});
