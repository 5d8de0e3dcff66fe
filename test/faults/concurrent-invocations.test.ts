// Two scheduled ticks at once (EventBridge Scheduler delivers at least once), an alarm invocation and config
// edits through the API (PUTs with If-Match from a fresh read, and without), interleaved differently per seed,
// with UpdateService and DynamoDB failing now and then before or after their effect.

import { alarmTargets } from "@gantry/runtime";
import { describe, expect, it } from "vitest";
import {
  type FaultHookFn,
  type FaultWorld,
  faultWorld,
  MINUTE,
  readRecords,
  START,
} from "../support/fault-world.ts";
import { alarmEvent } from "../support/handler-world.ts";
import { dynamoUnavailable, serverError, throttling } from "../support/sdk-faults.ts";
import { scenarioFigures } from "./support/figures.ts";
import {
  fleetConfigs,
  fleetServices,
  ORDERS,
  ordersConfig,
  THUMBNAILS,
  thumbnailsConfig,
} from "./support/fleet.ts";
import { runScenario } from "./support/run-scenario.ts";

const MINUTES = 24;
const SLOTS = [0, 15, 30, 45];

/** Light faults on the writes that matter: UpdateService and the state writes, before or after the effect. */
function lightFaults(seed: number): FaultHookFn {
  let n = seed;
  return (call) => {
    const k = n++ % 17;
    if (call.operation === "UpdateService" && call.attempt === 1) {
      if (k === 0) return { kind: "fail-after", error: serverError() };
      if (k === 5) return { kind: "fail-before", error: throttling() };
    }
    if (call.service === "dynamodb" && call.operation === "putState" && k === 3) {
      return { kind: "fail-after", error: dynamoUnavailable() };
    }
    return undefined;
  };
}

/** A minute: at each 15 s slot, two one-pass ticks, at one slot the wake alarm, and two config writers. */
function concurrentMinute(alarmName: string | undefined) {
  const retries: { id: string }[] = [];
  return async (world: FaultWorld, minute: number) => {
    const [orders, thumbnails] = world.services;
    for (const [slot, second] of SLOTS.entries()) {
      world.account.advanceTo(Math.max(world.account.now(), START + minute * MINUTE + second * 1000));
      const work: Promise<unknown>[] = [
        world.tick(30_000, { onePass: true }),
        world.tick(30_000, { onePass: true }),
      ];
      if (alarmName && slot === minute % 4) {
        const event = retries.shift() ?? alarmEvent(`evt-${minute}`, alarmName, "ALARM", world.account.now());
        work.push(world.alarm(event).then((i) => i.status === "ok" || retries.push(event)));
      }
      // Last write wins, without If-Match: orders' maximum goes 30 → 24 → 30…
      work.push(world.putConfig(ordersConfig(orders?.queueUrl ?? "", (minute + slot) % 2 ? 24 : 30)));
      // A read-modify-write with If-Match on the same target: 409 when the other writer got in between.
      work.push(
        world.read(ORDERS).then((record) => {
          const config = ordersConfig(orders?.queueUrl ?? "", slot % 2 ? 28 : 26);
          return world.putConfig(config, record?.version);
        }),
      );
      if (slot === 2) work.push(world.putConfig(thumbnailsConfig(thumbnails?.queueUrl ?? "")));
      await Promise.all(work);
    }
  };
}

describe("two concurrent ticks, an alarm and config edits, interleaved", () => {
  it.for([1, 2, 3])("seed %i: every invariant holds", async (seed, { task }) => {
    const world = faultWorld({
      services: fleetServices(MINUTES, ["audit"]),
      latencyMs: 100,
      jitterSeed: seed,
      hook: lightFaults(seed),
    });
    for (const config of fleetConfigs(world.services)) await world.register(config);
    const alarmName = [...alarmTargets(await readRecords(world.memory)).keys()][0];
    await runScenario(world, {
      minutes: MINUTES,
      minute: concurrentMinute(alarmName),
      alarmsAt: () => false,
    });
    const figures = await scenarioFigures(`concurrent ticks+alarm+PUTs, seed ${seed}`, world);
    task.meta.faultFigures = figures;

    const acked = world.configWrites.filter((w) => w.status === 200 || w.status === 201);
    const conditional = world.configWrites.filter((w) => w.conditional);
    expect(acked.length).toBeGreaterThan(MINUTES * 4);
    expect(conditional.some((w) => w.status === 409)).toBe(true);
    expect(figures.conflictOutcomes).toBeGreaterThan(0);
    expect(world.passes.filter((p) => p.invocation.kind === "alarm").length).toBeGreaterThan(MINUTES / 2);
    expect(figures.steps).toBeGreaterThan(3);
    expect(figures.boundViolations).toBe(0);
    expect(figures.doubleSteps).toBe(0);
    expect(figures.lostConfigWrites).toBe(0);
    expect(figures.lostActivityRecords).toBe(0);
    expect(figures.otherTargetsAffected).toBe(0);
    expect(figures.unconditionalWritesRefused).toBe(0);
    expect(world.configWrites.find((w) => w.targetId === THUMBNAILS)?.status).toBe(200);
  });
});
