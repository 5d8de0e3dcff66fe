import "@gantry/testing/test-env";
import { FakeReconciler, outcome, VirtualClock } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { nextSlot, runSubTicks } from "./sub-ticks.ts";

const START = Date.UTC(2026, 0, 1, 12, 0, 0);

describe("nextSlot", () => {
  const plan = { subTickSeconds: 15, startedAt: START, deadline: START + 57_000 };

  it.each([
    { name: "the next aligned slot", last: 0, now: START + 1_000, passMs: 1_000, want: 1 },
    { name: "a later slot when the pass overran", last: 0, now: START + 20_000, passMs: 20_000, want: 2 },
    {
      name: "the last slot when the longest pass still ends by the deadline",
      last: 2,
      now: START + 31_000,
      passMs: 12_000,
      want: 3,
    },
    {
      name: "nothing when the longest pass would end after the deadline",
      last: 2,
      now: START + 31_000,
      passMs: 12_001,
      want: undefined,
    },
    { name: "nothing past the schedule period", last: 3, now: START + 46_000, passMs: 0, want: undefined },
  ])("$name", ({ last, now, passMs, want }) => {
    expect(nextSlot(plan, last, now, passMs)?.index).toBe(want);
  });

  it.each([0, 60, 90, -5, Number.NaN])("sub-ticks are off with N = %s", (subTickSeconds) => {
    expect(nextSlot({ ...plan, subTickSeconds }, 0, START, 0)).toBeUndefined();
  });

  it("honours a longer schedule period", () => {
    const slot = nextSlot(
      { ...plan, deadline: START + 200_000, schedulePeriodSeconds: 120 },
      3,
      START + 46_000,
      0,
    );
    expect(slot).toEqual({ index: 4, at: START + 60_000 });
  });
});

describe("runSubTicks", () => {
  it("sleeps from the end of a pass to the next slot, aligned to the invocation start", async () => {
    const clock = new VirtualClock(START);
    const starts: number[] = [];
    const reconciler = new FakeReconciler({
      clock,
      passMs: 2_500,
      onPass: () => starts.push(clock.now() - START),
    });
    const summary = await runSubTicks({
      reconciler,
      clock,
      sleep: clock.sleep,
      subTickSeconds: 15,
      startedAt: START,
      deadline: START + 57_000,
    });
    expect(summary.passes).toBe(4);
    expect(starts).toEqual([0, 15_000, 30_000, 45_000]);
    expect(clock.sleeps).toEqual([12_500, 12_500, 12_500]);
    // Managed alarms are synced on the invocation's first pass only.
    expect(reconciler.calls.map((c) => c.syncAlarms)).toEqual([true, false, false, false]);
  });

  it("sums outcomes by status over every pass", async () => {
    const clock = new VirtualClock(START);
    const reconciler = new FakeReconciler({ clock, passMs: 100 });
    reconciler.outcomes = [outcome("service/c/a", "Successful"), outcome("service/c/b", "Unchanged")];
    const summary = await runSubTicks({
      reconciler,
      clock,
      sleep: clock.sleep,
      subTickSeconds: 20,
      startedAt: START,
      deadline: START + 57_000,
    });
    expect(summary).toEqual({ passes: 3, outcomes: { Successful: 3, Unchanged: 3 } });
  });
});
