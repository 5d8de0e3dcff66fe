// A hard stop at any await: one call of one invocation never answers (before its effect, or after it landed),
// nothing more runs in that invocation, and the next invocations carry on. Every await of a tick that scales
// two services in one pass, and of an alarm invocation that wakes a service, is tried, one world each.
import { describe, expect, it } from "vitest";
import { type FaultWorld, faultWorld, MINUTE, START } from "../support/fault-world.ts";
import { type ScenarioFigures, scenarioFigures, sumFigures } from "./support/figures.ts";
import { fleetConfigs, fleetServices } from "./support/fleet.ts";
import { runScenario } from "./support/run-scenario.ts";

const MINUTES = 5;
/** Calls that write: stopped before and after their effect. A read is stopped once (its effect is none). */
const WRITES = new Set(["putState", "putActivity", "UpdateService", "publishActivities"]);

interface Stop {
  kind: "tick" | "alarm";
  /** The stopped invocation is the first of `kind` started at this minute or later. */
  minute: number;
  /** Which of its calls hangs (-1: none, to count them). */
  call: number;
  point: "hang-before" | "hang-after";
}

async function run(stop: Stop): Promise<{ world: FaultWorld; operations: string[] }> {
  const operations: string[] = [];
  let chosen: string | undefined;
  const world = faultWorld({
    services: fleetServices(MINUTES, ["audit"]),
    latencyMs: 150,
    hook(call) {
      if (call.invocation.kind !== stop.kind || call.invocation.startedAt < START + stop.minute * MINUTE) {
        return undefined;
      }
      chosen ??= call.invocation.id;
      if (call.invocation.id !== chosen) return undefined;
      return operations.push(call.operation) - 1 === stop.call ? { kind: stop.point } : undefined;
    },
  });
  for (const config of fleetConfigs(world.services)) await world.register(config);
  // The alarm comes 20 s into the first minute, before any tick has seen the messages.
  await runScenario(world, { minutes: MINUTES, settleMinutes: 3, alarmsAt: (m) => m === 0, alarmSecond: 20 });
  return { world, operations };
}

/** Stops the chosen invocation at each of its awaits in turn. */
async function everyAwait(kind: Stop["kind"], minute: number) {
  const { operations } = await run({ kind, minute, call: -1, point: "hang-after" });
  const runs: ScenarioFigures[] = [];
  for (const [call, operation] of operations.entries()) {
    const points = WRITES.has(operation)
      ? (["hang-before", "hang-after"] as const)
      : (["hang-after"] as const);
    for (const point of points) {
      const { world } = await run({ kind, minute, call, point });
      runs.push(await scenarioFigures(`${kind} stopped at ${operation} #${call} (${point})`, world));
    }
  }
  return { operations, runs };
}

function expectInvariants(figures: ScenarioFigures): void {
  expect(figures.boundViolations).toBe(0);
  expect(figures.doubleSteps).toBe(0);
  expect(figures.lostActivityRecords).toBe(0);
  expect(figures.otherTargetsAffected).toBe(0);
}

describe("a hard stop at any await, then the next invocations", () => {
  it("every await of a tick that scales two services in one pass", async ({ task }) => {
    const { operations, runs } = await everyAwait("tick", 3);
    expect(operations.filter((o) => o === "UpdateService").length).toBeGreaterThanOrEqual(3);
    expect(runs.every((r) => r.stoppedInvocations === 1)).toBe(true);
    const figures = sumFigures(`hard stop: tick, ${operations.length} awaits`, runs);
    task.meta.faultFigures = figures;
    for (const r of runs) expect({ run: r.scenario, ...pick(r) }).toEqual({ run: r.scenario, ...pick() });
    expectInvariants(figures);
  });

  it("every await of an alarm invocation that wakes a service from zero", async ({ task }) => {
    const { operations, runs } = await everyAwait("alarm", 0);
    expect(operations).toContain("UpdateService");
    const figures = sumFigures(`hard stop: alarm, ${operations.length} awaits`, runs);
    task.meta.faultFigures = figures;
    for (const r of runs) expect({ run: r.scenario, ...pick(r) }).toEqual({ run: r.scenario, ...pick() });
    expectInvariants(figures);
  });
});

/** The invariants of one run (all 0 when none is given), so a failure names the await. */
function pick(r?: ScenarioFigures) {
  return {
    boundViolations: r?.boundViolations ?? 0,
    doubleSteps: r?.doubleSteps ?? 0,
    lostActivityRecords: r?.lostActivityRecords ?? 0,
    otherTargetsAffected: r?.otherTargetsAffected ?? 0,
  };
}
