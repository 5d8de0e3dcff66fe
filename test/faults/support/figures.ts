// One scenario's figures: what ran, what was injected, what the account applied, and the six invariants. A
// test stores them in its task meta; figures-reporter.ts prints every scenario's in one block.

import {
  appliedChanges,
  countSteps,
  type Invariants,
  lostActivities,
  measureInvariants,
} from "../../support/fault-invariants.ts";
import type { FaultWorld } from "../../support/fault-world.ts";

export interface ScenarioFigures extends Invariants {
  scenario: string;
  invocations: number;
  failedInvocations: number;
  stoppedInvocations: number;
  passes: number;
  /** SDK attempts and port calls made. */
  calls: number;
  faultsInjected: number;
  /** Desired-count changes the account applied (services and groups). */
  appliedChanges: number;
  /** Of them, steps of step-scaled targets (what a double step would repeat). */
  steps: number;
  /** Successful activities recorded for them. */
  successfulActivities: number;
  /** Of lostActivityRecords, the Auto Scaling groups' (stage 2). */
  lostGroupActivities: number;
  /** Successful activities with no applied change behind them. */
  phantomActivities: number;
  unknownOutcomes: number;
  conflictOutcomes: number;
  configWrites: number;
  /** Injected faults by call, point and error. */
  mix: Record<string, number>;
  /** A bug this scenario shows (its invariant test is marked it.fails): its non-zero figures are expected. */
  knownBug?: string;
}

export async function scenarioFigures(scenario: string, world: FaultWorld): Promise<ScenarioFigures> {
  const outcomes = world.passes.flatMap((p) => p.summary.outcomes);
  const activities = lostActivities(world);
  const mix: Record<string, number> = {};
  for (const fault of world.faults) mix[fault.label] = (mix[fault.label] ?? 0) + 1;
  const cut = world.surfaced.filter((f) => f.label === "cut by a hard stop").length;
  if (cut > 0) mix["calls cut by a hard stop"] = cut;
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  return {
    scenario,
    invocations: world.runner.invocations.length,
    failedInvocations: world.runner.invocations.filter((i) => i.status === "failed").length,
    stoppedInvocations: world.runner.invocations.filter((i) => i.status === "stopped").length,
    passes: world.passes.length,
    calls: world.attempts(),
    faultsInjected: world.faults.length,
    appliedChanges: appliedChanges(world).length,
    steps: countSteps(world),
    successfulActivities: activities.records,
    phantomActivities: activities.phantoms,
    lostGroupActivities: activities.lostGroups,
    unknownOutcomes: count("Unknown"),
    conflictOutcomes: count("Conflict"),
    configWrites: world.configWrites.length,
    mix,
    ...(await measureInvariants(world)),
  };
}

export const INVARIANT_KEYS = [
  "boundViolations",
  "doubleSteps",
  "lostConfigWrites",
  "lostActivityRecords",
  "otherTargetsAffected",
  "unconditionalWritesRefused",
] as const satisfies readonly (keyof Invariants)[];

declare module "vitest" {
  interface TaskMeta {
    faultFigures?: ScenarioFigures;
  }
}

/** Several runs of one scenario as one row: every count summed. */
export function sumFigures(scenario: string, runs: readonly ScenarioFigures[]): ScenarioFigures {
  const total = { scenario, mix: {} } as ScenarioFigures;
  for (const run of runs) {
    for (const [key, value] of Object.entries(run)) {
      if (typeof value === "number") {
        const sums = total as unknown as Record<string, number>;
        sums[key] = (sums[key] ?? 0) + value;
      }
    }
    for (const [label, n] of Object.entries(run.mix)) total.mix[label] = (total.mix[label] ?? 0) + n;
  }
  return total;
}
