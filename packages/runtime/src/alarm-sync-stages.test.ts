import type { ManagedAlarm } from "@gantry/core";
import { backlog, cpuStep } from "@gantry/testing";
import { configOf, simWorld, workerConfig } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";
import { alarmTargets, desiredAlarms, syncAlarms } from "./alarm-sync.ts";
import { RecordingAlarmPort } from "./local-stack/recording-alarm-port.ts";
import { createReconciler } from "./reconciler.ts";

// SST stages (dev, prod, …) deployed into one account share its CloudWatch alarms: each stage's tick must sync
// its own `gantry-<stage>-` alarms and leave the others' alone.

// The same targets in every stage: their alarms differ only by the stage in the name.
const configs = [
  configOf({ target: { id: "service/app/orders", minCapacity: 0, maxCapacity: 10 }, policies: [backlog] }),
  configOf({ target: { id: "service/app/api", minCapacity: 1, maxCapacity: 10 }, policies: [cpuStep] }),
];

const names = (stage?: string) => [...alarmTargets(configs, stage).keys()].sort();

function staleAlarm(name: string): ManagedAlarm {
  const [first] = desiredAlarms(configs);
  if (!first) throw new Error("expected alarms");
  return { ...first.alarm, name };
}

describe("stage-scoped alarm names", () => {
  it("names each stage's alarms gantry-<stage>-<12 hex>-<suffix>, and maps them to the same targets", () => {
    expect(names("dev")).toEqual([
      expect.stringMatching(/^gantry-dev-[0-9a-f]{12}-api-cpu-step$/),
      expect.stringMatching(/^gantry-dev-[0-9a-f]{12}-orders-wake$/),
    ]);
    expect(names(undefined)).toEqual([
      expect.stringMatching(/^gantry-[0-9a-f]{12}-api-cpu-step$/),
      expect.stringMatching(/^gantry-[0-9a-f]{12}-orders-wake$/),
    ]);
    expect([...alarmTargets(configs, "dev").values()].sort()).toEqual([
      ...[...alarmTargets(configs).values()].sort(),
    ]);
  });
});

describe("syncAlarms with stages sharing one account", () => {
  it("lets two stages' syncs keep their own alarms and leave each other's alone", async () => {
    const port = new RecordingAlarmPort();
    await syncAlarms(configs, port, "dev");
    const prod = await syncAlarms(configs, port, "prod");
    expect(prod.created.sort()).toEqual(names("prod"));
    expect(prod.deleted).toEqual([]);

    const dev = await syncAlarms(configs, port, "dev");
    expect(dev).toMatchObject({ created: [], deleted: [], failed: [] });
    expect(dev.kept.sort()).toEqual(names("dev"));
    expect([...port.alarms.keys()].sort()).toEqual([...names("dev"), ...names("prod")].sort());
  });

  it("lists only its own prefix and deletes only its own orphans", async () => {
    const port = new RecordingAlarmPort();
    await syncAlarms(configs, port, "dev");
    await syncAlarms(configs, port, "prod");
    port.calls.length = 0;

    const result = await syncAlarms([], port, "dev");

    expect(port.calls[0]).toEqual({ method: "listAlarmNames", args: ["gantry-dev-"] });
    expect(result.deleted.sort()).toEqual(names("dev"));
    expect([...port.alarms.keys()].sort()).toEqual(names("prod"));
  });

  it("keeps a stage apart from one whose name starts with it (dev and dev-a)", async () => {
    const port = new RecordingAlarmPort();
    await syncAlarms(configs, port, "dev-a");
    const dev = await syncAlarms([], port, "dev");
    expect(dev.deleted).toEqual([]);
    expect([...port.alarms.keys()].sort()).toEqual(names("dev-a"));
  });

  it("without a stage, leaves every staged alarm alone and deletes only unstaged orphans", async () => {
    const port = new RecordingAlarmPort();
    await syncAlarms(configs, port, "dev");
    await syncAlarms(configs, port);
    port.seed(staleAlarm("gantry-000000000000-old"));
    // Not in Gantry's form: never Gantry's to delete.
    port.seed(staleAlarm("gantry-hand-made"));

    const result = await syncAlarms([], port);

    expect(result.deleted.sort()).toEqual([...names(undefined), "gantry-000000000000-old"].sort());
    expect([...port.alarms.keys()].sort()).toEqual([...names("dev"), "gantry-hand-made"].sort());
  });

  it("with a stage, leaves unstaged alarms alone", async () => {
    const port = new RecordingAlarmPort();
    await syncAlarms(configs, port);
    const dev = await syncAlarms([], port, "dev");
    expect(dev.deleted).toEqual([]);
    expect([...port.alarms.keys()].sort()).toEqual(names(undefined));
  });
});

describe("the reconciler's alarm sync with a stage", () => {
  it("syncs under its alarmStage only, on full passes", async () => {
    const world = simWorld([{ name: "zero" }], { alarms: true });
    const [svc] = world.services as [NonNullable<(typeof world.services)[0]>];
    await world.store.putConfig(configOf(workerConfig(svc, { minCapacity: 0 })), 0);
    const prodAlarm = staleAlarm("gantry-prod-000000000000-orders-wake");
    world.alarms.seed(prodAlarm);

    const dev = createReconciler({ ...world.deps, alarms: world.alarms, alarmStage: "dev" });
    await dev.reconcile({ deadline: world.deadline() });

    expect(world.alarms.calls[0]).toEqual({ method: "listAlarmNames", args: ["gantry-dev-"] });
    expect([...world.alarms.alarms.keys()].sort()).toEqual([
      expect.stringMatching(/^gantry-dev-[0-9a-f]{12}-zero-wake$/),
      prodAlarm.name,
    ]);
  });
});
