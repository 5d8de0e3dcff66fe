// DynamoDB becomes unavailable right after UpdateService took effect: the activity write, the state write that
// clears the pending marker and the next passes' reads all fail for 45 s. The change must still end up with a
// Successful activity (settled from the real desired count), and never be applied twice.
import { describe, expect, it } from "vitest";
import { faultWorld } from "../support/fault-world.ts";
import { dynamoUnavailable } from "../support/sdk-faults.ts";
import { scenarioFigures } from "./support/figures.ts";
import { fleetConfigs, fleetServices } from "./support/fleet.ts";
import { runScenario } from "./support/run-scenario.ts";

const MINUTES = 30;
const OUTAGE_MS = 45_000;

describe("DynamoDB unavailable between UpdateService and the activity write", () => {
  it("settles every change Successful once DynamoDB is back, without a second step", async ({ task }) => {
    let updates = 0;
    let downUntil = Number.NEGATIVE_INFINITY;
    const world = faultWorld({
      services: fleetServices(MINUTES, ["audit", "billing"]),
      latencyMs: 150,
      hook(call) {
        const up = call.now >= downUntil;
        if (up && call.operation === "UpdateService" && call.attempt === 1 && updates++ % 4 === 0) {
          // The update goes through; DynamoDB fails from this moment on.
          downUntil = call.now + OUTAGE_MS;
          return undefined;
        }
        if (call.service !== "dynamodb" || up) return undefined;
        return { kind: "fail-before", error: dynamoUnavailable(), subjects: "all" };
      },
    });
    for (const config of fleetConfigs(world.services)) await world.register(config);
    await runScenario(world, { minutes: MINUTES });
    const figures = await scenarioFigures("DynamoDB down after UpdateService", world);
    task.meta.faultFigures = figures;
    expect(figures.faultsInjected).toBeGreaterThan(50);
    expect(figures.failedInvocations).toBeGreaterThan(0);
    expect(figures.appliedChanges).toBeGreaterThan(10);
    expect(figures.boundViolations).toBe(0);
    expect(figures.doubleSteps).toBe(0);
    expect(figures.lostActivityRecords).toBe(0);
    expect(figures.phantomActivities).toBe(0);
    expect(figures.otherTargetsAffected).toBe(0);
  });
});
