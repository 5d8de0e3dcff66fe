import { describe, expect, it } from "vitest";
import type { Ec2BenchRow } from "./bench-ec2.ts";
import { ec2Goal, ec2Markdown } from "./bench-ec2-table.ts";

const SCENARIO = "azure+worldcup";

function row(variant: string, seed: number, wait: number, hours: number): Ec2BenchRow {
  return {
    scenario: SCENARIO,
    variant,
    capacity: variant.startsWith("gantry") ? "gantry" : "ecs-cas",
    seed,
    capacityWaitTaskSeconds: wait,
    instanceHours: hours,
    pendingTaskMaxS: 180,
    peakInstances: 10,
    withinSloPct: { azure: 99.9, worldcup: 99.5 },
    p99WaitS: { azure: 40, worldcup: 50 },
    taskHours: 200,
    runSeconds: 0.1,
  };
}

describe("ec2Goal", () => {
  it("judges the sums over the seeds, and counts the seeds that meet both halves alone", () => {
    const rows = [
      row("ecs-cas", 0, 1000, 10),
      row("ecs-cas", 1, 3000, 10),
      row("gantry", 0, 600, 10.1), // 0.6× wait, more hours: this seed alone fails
      row("gantry", 1, 1200, 9.8), // 0.4× wait, fewer hours: this seed alone meets it
    ];
    const goal = ec2Goal(rows, SCENARIO);
    expect(goal.waitRatio).toBeCloseTo(1800 / 4000, 9);
    expect(goal.hoursRatio).toBeCloseTo(19.9 / 20, 9);
    expect(goal).toMatchObject({ met: true, seedsMet: 1, seeds: 2 });
  });

  it("is not met when either half fails, and ignores seeds only one side ran", () => {
    const rows = [row("ecs-cas", 0, 1000, 10), row("gantry", 0, 400, 10.5), row("gantry", 9, 0, 1)];
    expect(ec2Goal(rows, SCENARIO)).toMatchObject({ met: false, seeds: 1 });
    expect(ec2Goal(rows, "other scenario").met).toBe(false);
  });
});

describe("ec2Markdown", () => {
  it("prints a section per scenario with the means and a verdict per variant", () => {
    const rows = [row("ecs-cas", 0, 1000, 10), row("gantry", 0, 1500, 9)];
    const markdown = ec2Markdown(rows, "# Benchmark");
    expect(markdown).toContain(`## ${SCENARIO}`);
    expect(markdown).toContain("| gantry | 1500 | 9.0 | 180 s | 10 | 99.90 % | 99.50 % | 200.0 |");
    expect(markdown).toContain(
      "- gantry ÷ ecs-cas: capacity wait 1.50× (50.0 % more), instance-hours 0.900×: goal not met (0 of 1 seeds on their own)",
    );
  });
});
