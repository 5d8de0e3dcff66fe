// The fault suite's mixed run (issue C, grown in issue G): the real handlers and adapters on the simulated
// account under throttling, 5xx errors and timeouts before and after the effect of every call, duplicated and
// out-of-order alarm events, concurrent ticks and deadlines cut mid-pass. Everything is drawn from one seed.
import { type TargetConfigInput, ThrottledError } from "@gantry/core";
import { createPrng } from "@gantry/sim";
import { type FaultHookFn, type FaultWorld, faultWorld } from "../support/fault-world.ts";
import { dynamoUnavailable, serverError, throttling, timeoutError } from "../support/sdk-faults.ts";
import { type ScenarioFigures, scenarioFigures } from "./support/figures.ts";
import { backlogConfig, fleetConfigs, fleetServices } from "./support/fleet.ts";
import { runScenario } from "./support/run-scenario.ts";

const MINUTES = 40;
/** Quiet services beside the busy ones: more targets than a pass handles at once, so a deadline can cut it. */
const QUIET = ["audit", "billing", "emails", "exports", "imports", "search"];
/** A target whose service does not exist: it fails every pass, and must not affect the others. */
const GHOST = "service/sim/ghost";
const WRITES = new Set(["UpdateService", "putState", "putActivity", "publishActivities"]);

/**
 * Per SDK attempt or port call: 15 % throttled and 3 % 5xx before the effect; for writes, 5 % 5xx and 3 %
 * timeouts after it (the change landed, the answer did not).
 */
function mixedFaults(seed: number): FaultHookFn {
  const random = createPrng(seed);
  return (call) => {
    const draw = random();
    const store = call.service === "dynamodb";
    if (draw < 0.15) return { kind: "fail-before", error: store ? dynamoThrottled() : throttling() };
    if (draw < 0.18) return { kind: "fail-before", error: store ? dynamoUnavailable() : serverError() };
    if (!WRITES.has(call.operation)) return undefined;
    if (draw < 0.23) return { kind: "fail-after", error: store ? dynamoUnavailable() : serverError() };
    if (draw < 0.26) return { kind: "fail-after", error: store ? dynamoUnavailable() : timeoutError() };
    return undefined;
  };
}

/** What the DynamoDB store throws for ProvisionedThroughputExceededException. */
function dynamoThrottled() {
  return new ThrottledError(
    "dynamodb:UpdateItem throttled: ProvisionedThroughputExceededException (injected)",
  );
}

/** Two scheduled invocations at once at minutes 10–13; a tick cut short by its deadline every 7 minutes. */
async function minute(world: FaultWorld, m: number): Promise<void> {
  if (m >= 10 && m < 14) {
    await Promise.all([world.tick(63_000, { onePass: true }), world.tick(63_000, { onePass: true })]);
  } else if (m % 7 === 3) {
    await world.tick(7_000);
  } else {
    await world.tick();
  }
}

export async function runFaultSuite(seed: number): Promise<{ world: FaultWorld; figures: ScenarioFigures }> {
  const world = faultWorld({
    services: fleetServices(MINUTES, QUIET),
    latencyMs: 150,
    hook: mixedFaults(seed),
    jitterSeed: seed,
    faultyTargets: [GHOST],
  });
  const configs: TargetConfigInput[] = [
    ...fleetConfigs(world.services),
    backlogConfig(GHOST, "https://sqs.us-east-1.amazonaws.com/000000000000/ghost"),
  ];
  for (const config of configs) await world.register(config);
  await runScenario(world, { minutes: MINUTES, minute });
  return { world, figures: await scenarioFigures(`mixed faults, seed ${seed}`, world) };
}
