// Issue H's goals as bench:tick checks them: the 15 s pass both on the bench's core and on the tick's vCPU share.
import { describe, expect, it } from "vitest";
import { checkGoals } from "../../packages/functions/bench/tick/report/goals.ts";
import type { BenchOutcome } from "../../packages/functions/bench/tick/run/bench-run.ts";

function outcome(memoryMb: number, pass: { seconds: number; cpuSeconds: number }): BenchOutcome {
  const line = {
    targets: 10_000,
    tickSeconds: pass.seconds,
    skippedTargets: 0,
    calls: { describeServices: 1_000 },
    rssMb: 312,
    monthlyUsdPer1000Targets: { total: 311.95 },
  };
  const baseline = { monthlyUsdPer1000Targets: { total: 300 } };
  return { line, baseline, memoryMb, measured: pass } as unknown as BenchOutcome;
}

const named = (checks: ReturnType<typeof checkGoals>, prefix: string) =>
  checks.find((c) => c.name.startsWith(prefix));

describe("bench:tick's goals at 10,000 targets", () => {
  it("holds the pass to 15 s on the bench's core and, stretched to its vCPU share, on the tick", () => {
    const at512 = checkGoals(outcome(512, { seconds: 8, cpuSeconds: 8 }));
    expect(named(at512, "tickSeconds")).toMatchObject({ value: 8, met: true });
    // 8 s + 8 s × (1,769 / 512 − 1): the CPU work at 0.29 of a vCPU.
    expect(named(at512, "≈ s on Lambda at 512 MB")).toMatchObject({ value: 27.6, goal: 15, met: false });
    const at1024 = checkGoals(outcome(1024, { seconds: 8, cpuSeconds: 8 }));
    expect(named(at1024, "≈ s on Lambda at 1024 MB")).toMatchObject({ value: 13.8, met: true });
  });

  it("holds the monthly cost under $200 and under AAS's alarms", () => {
    expect(named(checkGoals(outcome(512, { seconds: 8, cpuSeconds: 8 })), "monthly")).toMatchObject({
      value: 311.95,
      goal: 200,
      met: false,
    });
  });
});
