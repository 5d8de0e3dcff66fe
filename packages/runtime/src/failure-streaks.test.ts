import { describe, expect, it } from "vitest";
import { FAILING_STREAK_PASSES, FailureStreaks } from "./failure-streaks.ts";
import type { TargetOutcome } from "./reconciler-types.ts";

const outcome = (targetId: string, status: TargetOutcome["status"]): TargetOutcome => ({
  targetId,
  status,
  action: "None",
  fromCapacity: 1,
  toCapacity: 1,
});

describe("failure streaks", () => {
  it("count the targets that failed 12 full passes in a row; a success breaks the run, a skip does not", () => {
    const streaks = new FailureStreaks();
    const pass = (a: TargetOutcome["status"], b: TargetOutcome["status"]) =>
      streaks.record([outcome("a", a), outcome("b", b)]);
    for (let i = 1; i < FAILING_STREAK_PASSES; i++) expect(pass("Failed", "Failed")).toBe(0);
    expect(pass("Skipped", "Unchanged")).toBe(0); // a's run holds at 11, b's is broken
    expect(pass("Failed", "Failed")).toBe(1); // a: 12 in a row
    expect(streaks.record([outcome("b", "Failed")])).toBe(0); // a is gone: forgotten
  });
});
