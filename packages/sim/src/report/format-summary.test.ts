import { describe, expect, it } from "vitest";
import { formatSeconds, formatSummary } from "./format-summary.ts";
import type { SimulationReport } from "./simulation-report.ts";

const report: SimulationReport = {
  scaler: "keda",
  trace: "burst",
  messages: 12_345,
  sloSeconds: 60,
  withinSloPct: 97.123,
  p50WaitS: 0.0412,
  p99WaitS: 75.4,
  maxWaitS: 5400,
  maxBacklog: 1234,
  taskSeconds: 36_000,
  fluidBoundTaskSeconds: 18_000,
  costRatio: 2,
  scalingActions: 6,
  firstScaleOutDelayS: null,
  workTaskSeconds: 14_400,
  workRatio: 2.5,
  launches: 40,
  relaunchesWithin3Min: 10,
  relaunchesWithin3MinPct: 25,
};

describe("formatSummary", () => {
  it("prints one aligned line per figure", () => {
    const text = formatSummary(report, { traceDescription: "a burst" });
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(15);
    expect(new Set(lines.map((line) => line.search(/(?<= {2})\S/))).size).toBe(1);
    expect(text).toContain("Trace             burst: a burst");
    expect(text).toContain("Messages          12,345");
    expect(text).toContain("Within SLO        97.12 %");
    expect(text).toContain("Wait p50/p99/max  0.041 s / 75 s / 1.5 h");
    expect(text).toContain("Task-hours        10.00");
    expect(text).toContain("Cost ratio        2.00× the fluid bound");
    expect(text).toContain("First scale-out   none");
    expect(text).toContain("Work              4.00 task-hours (the floor: Σ processing time)");
    expect(text).toContain("Work ratio        2.50× the work");
    expect(text).toContain("Launches          40; 10 (25.0 %) replace a task stopped < 3 min before");
  });

  it("says so when there is no cost ratio", () => {
    expect(formatSummary({ ...report, costRatio: null })).toContain("n/a");
    expect(formatSummary({ ...report, workRatio: null })).toContain("Work ratio        n/a (no work)");
  });
});

describe("formatSeconds", () => {
  it.each([
    [0, "0 s"],
    [3.21, "3.2 s"],
    [75.4, "75 s"],
    [1144, "19.1 min"],
    [7200, "2.0 h"],
  ])("%d s → %s", (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });
});
