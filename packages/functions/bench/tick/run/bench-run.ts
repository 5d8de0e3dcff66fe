// One fleet size, end to end: the emulated AWS, the fleet, the warm-up, the simulated hour (costs) and the
// measured pass (time, calls, memory).
import type { AwsSide } from "../aws-side/aws-side.ts";
import { pinnedCalls } from "../backend/usage.ts";
import type { FleetSpec } from "../fleet/fleet-plan.ts";
import { BenchClock } from "../lambda-side/bench-clock.ts";
import { createLambdaStack } from "../lambda-side/lambda-stack.ts";
import { LogMeter } from "../lambda-side/log-meter.ts";
import { aasBaseline } from "../pricing/aas-baseline.ts";
import { monthlyParts, monthlyUsdPer1000Targets } from "../pricing/monthly-cost.ts";
import { PREROLL_MINUTES, setUpFleet } from "./fleet-setup.ts";
import { measurePass } from "./measured-pass.ts";
import { simulateHour } from "./simulated-hour.ts";

/** Monday 2026-01-05 09:40 UTC: the passes start at 10:00, between two firings of the scheduled actions. */
export const BENCH_START_MS = Date.UTC(2026, 0, 5, 9, 40);

export interface BenchOptions {
  targets: number;
  seed: number;
  /** Simulated minutes priced for the monthly cost (60 by default). */
  minutes: number;
  /** The tick's memory (MB): what its GB-seconds are billed at and its CPU share (lambda-sizing.ts). */
  memoryMb: number;
}

/** `connect` starts the emulated AWS for the fleet: in a child process (the bench) or in this one (tests). */
export async function runBench(options: BenchOptions, connect: (spec: FleetSpec) => Promise<AwsSide>) {
  const { targets, seed, minutes, memoryMb } = options;
  const spec: FleetSpec = { targets, seed, startMs: BENCH_START_MS, minutes: PREROLL_MINUTES + minutes + 10 };
  const aws = await connect(spec);
  try {
    const clock = new BenchClock(BENCH_START_MS);
    const stack = createLambdaStack(aws, clock, seed);
    const configs = await setUpFleet(spec, stack, aws, clock, new LogMeter());
    const hour = await simulateHour(stack, aws, clock, { targets, minutes, memoryMb });
    const measured = await measurePass(stack, aws, clock, memoryMb);
    const line = {
      targets,
      tickSeconds: Math.round(measured.seconds * 100) / 100,
      skippedTargets: measured.skippedTargets,
      calls: pinnedCalls(measured.report),
      rssMb: Math.round(measured.rssMb),
      monthlyUsdPer1000Targets: monthlyUsdPer1000Targets(hour.usage),
    };
    return {
      line,
      memoryMb,
      baseline: aasBaseline(configs),
      measured,
      hour,
      cloudwatch: monthlyParts(hour.usage).cloudwatch,
    };
  } finally {
    await aws.close();
  }
}

export type BenchOutcome = Awaited<ReturnType<typeof runBench>>;
export type PinnedLine = BenchOutcome["line"];
