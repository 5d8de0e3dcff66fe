// UpdateService applied, then an error: a 5xx after commit, a timeout, and the SDK's retries of those (throttled,
// so the final error is a throttle on attempt 5). The change must be recorded unknown, settled Successful from the
// real desired count, and never rolled back into a second step. Beside them, a 4xx refusal before the effect
// (certainly not applied) is rolled back and decided again.
import { describe, expect, it } from "vitest";
import { faultWorld } from "../support/fault-world.ts";
import { clientError, serverError, throttling, timeoutError } from "../support/sdk-faults.ts";
import { scenarioFigures } from "./support/figures.ts";
import { fleetConfigs, fleetServices } from "./support/fleet.ts";
import { runScenario } from "./support/run-scenario.ts";

const MINUTES = 30;

describe("faults after the effect: UpdateService applied, then an error", () => {
  it("records unknown outcomes, settles them Successful, never steps twice", async ({ task }) => {
    let updates = 0;
    const world = faultWorld({
      services: fleetServices(MINUTES, ["audit", "billing"]),
      latencyMs: 150,
      hook(call) {
        if (call.operation !== "UpdateService") return undefined;
        if (call.attempt > 1) return { kind: "fail-before", error: throttling() };
        const n = updates++;
        if (n % 4 === 0) return { kind: "fail-after", error: serverError() };
        if (n % 4 === 1) return { kind: "fail-after", error: timeoutError() };
        if (n % 4 === 2) return { kind: "fail-before", error: clientError("ClientException", "refused") };
        return undefined;
      },
    });
    for (const config of fleetConfigs(world.services)) await world.register(config);
    await runScenario(world, { minutes: MINUTES });
    const figures = await scenarioFigures("UpdateService applied then 5xx/timeout; 4xx before", world);
    task.meta.faultFigures = figures;
    expect(figures.unknownOutcomes).toBeGreaterThan(3);
    const failed = world.passes
      .flatMap((p) => p.summary.outcomes)
      .filter((o) => o.error?.code === "ClientException");
    expect(failed.length).toBeGreaterThan(3);
    expect(figures.appliedChanges).toBeGreaterThan(10);
    expect(figures.boundViolations).toBe(0);
    expect(figures.doubleSteps).toBe(0);
    expect(figures.lostActivityRecords).toBe(0);
    expect(figures.otherTargetsAffected).toBe(0);
  });
});
