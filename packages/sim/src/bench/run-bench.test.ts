import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dominates, goalTable, scenarioTable } from "./bench-table.ts";
import { heldOutTable } from "./held-out-table.ts";
import { BENCH_SCALERS, runScenario } from "./run-bench.ts";
import type { BenchScenario } from "./scenarios.ts";
import { writeResults } from "./write-results.ts";

/** A small end-to-end benchmark: 90 minutes of per-minute counts with a quiet start, a burst and a lull. */
function fixtureDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-bench-"));
  const minutes = Array.from({ length: 90 }, (_, m) => (m < 20 ? 30 : m < 50 ? 600 : m < 70 ? 120 : 0));
  writeFileSync(
    join(dir, "burst.csv"),
    `time,count\n${minutes.map((c, m) => `${m * 60},${c}`).join("\n")}\n`,
  );
  return dir;
}

const scenario: BenchScenario = {
  id: "fixture-burst",
  trace: "burst.csv",
  load: {},
  processingSeconds: 2,
  sloSeconds: 60,
  why: "fixture",
};

describe("the benchmark", () => {
  const dir = fixtureDir();
  const outcome = runScenario(scenario, { tracesDir: dir });

  it("runs every scaler on the same trace and reports the pinned fields", () => {
    expect(outcome.rows.map((r) => r.scaler)).toEqual([...BENCH_SCALERS]);
    const total = 20 * 30 + 30 * 600 + 20 * 120;
    for (const row of outcome.rows) {
      expect(row.messages).toBe(total);
      expect(row.fluidBoundTaskSeconds).toBe(outcome.fluidBoundTaskSeconds);
      expect(row.costRatio).toBeCloseTo(row.taskSeconds / outcome.fluidBoundTaskSeconds, 9);
      // Every scaler bills at least the work it served: the floor holds.
      expect(row.workRatio).toBeGreaterThanOrEqual(1);
      expect(row.relaunchesWithin3Min).toBeLessThanOrEqual(row.launches);
      expect(row.withinSloPct).toBeGreaterThanOrEqual(0);
      expect(row.withinSloPct).toBeLessThanOrEqual(100);
    }
  });

  it("puts gantry ahead of AWS target tracking on a burst", () => {
    const [gantry, awsTargetTracking] = outcome.rows;
    expect(gantry && awsTargetTracking && dominates(gantry, awsTargetTracking)).toBe(true);
  });

  it("leads with the work ratio, then the fluid bound and each other scaler", () => {
    const table = scenarioTable(outcome);
    expect(table).toContain(
      "| scaler | within SLO | ÷ work | task-hours | p99 wait | relaunched < 3 min | ÷ fluid bound | ÷ gantry |",
    );
    expect(table.split("\n").filter((l) => l.startsWith("| gantry |"))).toHaveLength(1);
    expect(goalTable([outcome])).toMatch(
      /\| fixture-burst \| 60 s \| [\d.]+ % \| [\d.]+× \| ≥ 99.5 %, ≤ 1.15×: (met|missed) \| [\d.]+ %: (met|missed) \|/,
    );
  });

  it("scores the tuning and the held-out part of every run, and reports the part asked for", () => {
    for (const row of outcome.rows) {
      expect(row.part).toBe("all");
      expect(row.parts.tune.messages + row.parts.validate.messages).toBe(row.messages);
      expect(row.parts.tune.taskSeconds + row.parts.validate.taskSeconds).toBeCloseTo(row.taskSeconds, 6);
    }
    const validate = runScenario(scenario, { tracesDir: dir, part: "validate", scalers: ["gantry"] });
    const [row] = validate.rows;
    expect(row?.part).toBe("validate");
    expect(row?.withinSloPct).toBe(row?.parts.validate.withinSloPct);
    expect(row?.workRatio).toBe(row?.parts.validate.workRatio);
    // The fluid bound of the last 22 minutes (the split falls at minute 67 of 90): 3 minutes of 120, then none.
    expect(validate.fluidBoundTaskSeconds).toBe(3 * 4 * 60);
    expect(heldOutTable([outcome])).toMatch(/\| fixture-burst \| gantry \| [\d.]+ % at [\d.]+× \| /);
  });

  it("writes the table, the JSON and a chart per scaler", () => {
    const out = join(dir, "results");
    const files = writeResults(out, [outcome], "# Benchmark");
    expect(files).toHaveLength(2 + BENCH_SCALERS.length);
    expect(files.every((f) => existsSync(f))).toBe(true);
    const json = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(json[0].rows).toHaveLength(BENCH_SCALERS.length);
    expect(readFileSync(join(out, "charts", "fixture-burst--gantry.svg"), "utf8")).toMatch(/^<svg/);
  });
});
