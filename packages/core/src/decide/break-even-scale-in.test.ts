import { describe, expect, it } from "vitest";
import type { NeedHistory } from "../model/need-history.ts";
import { keepIdleTasks } from "./break-even-scale-in.ts";

/** A history of 15-second buckets, newest last. */
const history = (levels: number[]): NeedHistory => ({ at: 1_000_000_000_000, levels });
/** `n` buckets at `level`. */
const run = (n: number, level: number) => Array<number>(n).fill(level);

describe("break-even scale-in", () => {
  it("keeps an idle task whose past idle gaps ended within a start", () => {
    // Level 6 came back after 30 s, again and again; it has been idle 15 s now.
    const levels = [...run(2, 6), ...run(2, 5), 6, ...run(2, 5), 6, ...run(2, 5), 6, 5];
    const kept = keepIdleTasks(5, 6, history(levels), 45);
    expect(kept.value).toBe(6);
    expect(kept.reason?.code).toBe("StartCostBreakEven");
    expect(kept.reason?.message).toContain(
      "idle 15 s: 3 of 3 past idle gaps that long ended within the 45 s",
    );
  });

  it("lets a task go once its idle time outlasts the gaps seen, or when gaps outlast a start", () => {
    const shortGaps = [6, ...run(2, 5), 6, ...run(2, 5), 6, ...run(3, 5)]; // idle 45 s, every gap was 30 s
    expect(keepIdleTasks(5, 6, history(shortGaps), 45)).toEqual({ value: 5 });
    const longGaps = [6, ...run(8, 5), 6, ...run(8, 5), 6, 5]; // gaps of 2 minutes: a relaunch is cheaper
    expect(keepIdleTasks(5, 6, history(longGaps), 45)).toEqual({ value: 5 });
  });

  it("weighs the tasks from the top: keeps the highest level worth keeping, stops those above", () => {
    // Level 7 comes back within 30 s; level 8 was needed once, 2.75 minutes ago.
    const levels = [8, 7, 5, 5, 7, 5, 5, 7, 5, 5, 7, 5];
    const kept = keepIdleTasks(5, 8, history(levels), 45);
    expect(kept.value).toBe(7);
    expect(kept.reason?.message).toMatch(/^5 asked; keeping 7 of 8 tasks/);
  });

  it("does nothing without a history, or when the value does not scale in", () => {
    expect(keepIdleTasks(5, 6, undefined, 45)).toEqual({ value: 5 });
    expect(keepIdleTasks(7, 6, history([6, 5, 6, 5]), 45)).toEqual({ value: 7 });
  });

  it("keeps a level needed in the current bucket", () => {
    expect(keepIdleTasks(4, 6, history([3, 6]), 45).value).toBe(6);
  });
});
