import type { DecisionRecord, ScalingState, TargetRecord } from "@gantry/core";
import { configOf } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";
import { needsStateWrite } from "./state-changed.ts";

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

const config = configOf({
  target: { id: "service/prod/worker", minCapacity: 1, maxCapacity: 10 },
  policies: [
    {
      name: "backlog",
      type: "TargetTracking",
      targetValue: 10,
      metric: { sqs: { queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/q" } },
      evaluation: { periodSeconds: 60 },
    },
  ],
});

function state(overrides: Partial<ScalingState> = {}): ScalingState {
  return {
    version: 1,
    evaluatedAt: T0,
    live: { backlog: { lastAt: T0, depth: [40, 3], rate: 0 } },
    stepApplied: {},
    datapointBase: {},
    recommendations: [],
    scaleEvents: [],
    eventIds: [],
    ...overrides,
  };
}

function decision(at: number, overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    at,
    desiredCapacity: 4,
    action: "None",
    reasons: [{ code: "WithinTarget", message: "9.50 within [9, 10]", policy: "backlog" }],
    observed: { desiredCount: 4, runningCount: 4, pendingCount: 0 },
    dryRun: false,
    ...overrides,
  };
}

const stored: TargetRecord = {
  config,
  state: state(),
  lastDecision: decision(T0),
  version: 1,
  stateVersion: 3,
  updatedAt: T0,
};

describe("needsStateWrite", () => {
  it("writes nothing when only clocks, the last sample and the reasons' wording moved", () => {
    const later = T0 + 15_000;
    const next = state({
      evaluatedAt: later,
      live: { backlog: { lastAt: later, depth: [42, 5], rate: 0.1 } },
      datapointBase: { cpu: [T0, 4] },
      // Break-even scale-in's history gains a bucket every 15 s: not worth a write on its own.
      need: { at: later, levels: [4, 4] },
      // Batched launch from zero: the last pass that saw the queue empty moves every idle pass.
      emptyAt: later,
      // Minimum billed time: launches only drop out between scale-outs.
      launches: [],
      // Offered-load floor: a sample of the queue every 15 s.
      load: { at: later, work: 84, busy: 5, samples: [[later, 5.6]] },
    });
    const moved = decision(later, {
      reasons: [{ code: "WithinTarget", message: "9.80 within [9, 10]", policy: "backlog" }],
    });
    expect(needsStateWrite(stored, next, moved)).toBe(false);
  });

  it("writes a change of what decisions rest on: a run, a cooldown, a reason code, the counts seen", () => {
    const later = T0 + 15_000;
    const run = state({ live: { backlog: { lastAt: later, inSince: later } } });
    expect(needsStateWrite(stored, run, decision(later))).toBe(true);
    expect(needsStateWrite(stored, state({ lastScaleInAt: T0 }), decision(later))).toBe(true);
    const held = decision(later, { reasons: [{ code: "AlarmNotBreached", message: "", policy: "backlog" }] });
    expect(needsStateWrite(stored, state(), held)).toBe(true);
    const counts = decision(later, { observed: { desiredCount: 4, runningCount: 3, pendingCount: 1 } });
    expect(needsStateWrite(stored, state(), counts)).toBe(true);
  });

  it("writes a due scheduled action, and a target's first decision", () => {
    const scheduled = decision(T0 + 15_000, {
      reasons: [{ code: "ScheduledActionApplied", message: "night (cron(…)): min 1, max 10" }],
    });
    expect(needsStateWrite(stored, state(), scheduled)).toBe(true);
    const fresh: TargetRecord = { ...stored, state: undefined, stateVersion: 0 };
    expect(needsStateWrite(fresh, state(), decision(T0))).toBe(true);
  });

  it("refreshes a scale-out run's stored sample once it is a period old, so another container continues it", () => {
    const running: TargetRecord = {
      ...stored,
      state: state({ live: { backlog: { lastAt: T0, outSince: T0 } } }),
    };
    const at = (now: number) => state({ live: { backlog: { lastAt: now, outSince: T0 } } });
    expect(needsStateWrite(running, at(T0 + 45_000), decision(T0 + 45_000))).toBe(false);
    expect(needsStateWrite(running, at(T0 + 60_000), decision(T0 + 60_000))).toBe(true);
  });
});
