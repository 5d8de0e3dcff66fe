// A whole bench run on 20 targets (two simulated minutes), with the emulated AWS in its own process as
// `npm run bench:tick` runs it: the pinned line's keys and values that must hold whatever the machine.
import { describe, expect, it } from "vitest";
import { childProcessAws } from "../../packages/functions/bench/tick/aws-side/child-aws.ts";
import { BenchClock } from "../../packages/functions/bench/tick/lambda-side/bench-clock.ts";
import { runBench } from "../../packages/functions/bench/tick/run/bench-run.ts";

describe("bench:tick", () => {
  it("prints the pinned line for a 20-target pass", async () => {
    const { line, baseline, hour, measured } = await runBench(
      { targets: 20, seed: 0, minutes: 2, memoryMb: 512 },
      (spec) => childProcessAws(spec),
    );
    expect(Object.keys(line)).toEqual([
      "targets",
      "tickSeconds",
      "skippedTargets",
      "calls",
      "rssMb",
      "monthlyUsdPer1000Targets",
    ]);
    expect(Object.keys(line.calls)).toEqual([
      "describeServices",
      "getMetricData",
      "getMetricDataMetrics",
      "getQueueAttributes",
      "updateService",
      "dynamodbReads",
      "dynamodbWrites",
    ]);
    expect(Object.keys(line.monthlyUsdPer1000Targets)).toEqual([
      "cloudwatch",
      "sqs",
      "dynamodb",
      "lambda",
      "eventbridge",
      "total",
    ]);
    expect(line.targets).toBe(20);
    expect(line.tickSeconds).toBeGreaterThan(0);
    expect(line.skippedTargets).toBe(0);
    // 20 services in one cluster: 2 DescribeServices; the 10 workers' queues read once each.
    expect(line.calls.describeServices).toBe(2);
    expect(line.calls.getQueueAttributes).toBe(10);
    expect(line.calls.dynamodbReads).toBeGreaterThan(0);
    expect(line.rssMb).toBeGreaterThan(0);
    // The pass's own CPU, not the process's since it started (setup and the simulated hour came before).
    expect(measured.cpuSeconds).toBeGreaterThan(0);
    expect(measured.cpuSeconds).toBeLessThan(measured.seconds * 2 + 1);
    const { total, ...parts } = line.monthlyUsdPer1000Targets;
    expect(Object.values(parts).every((usd) => usd >= 0)).toBe(true);
    expect(total).toBeCloseTo(
      Object.values(parts).reduce((a, b) => a + b, 0),
      1,
    );
    // One tick a minute, each running sub-ticks every 15 s.
    expect(hour.usage.lambdaInvocations).toBe(2);
    expect(hour.passes).toBe(8);
    expect(baseline.alarms).toBe(60);
  }, 120_000);
});

describe("the bench's warped clock", () => {
  it("skips the waits a pass makes, in the order they end, without waiting for them", async () => {
    const clock = new BenchClock(1_000_000);
    const ended: string[] = [];
    const from = clock.now();
    await clock.warp(async () => {
      await Promise.all([
        clock.sleep(8_000).then(() => ended.push(`long at ${clock.now() - from >= 8_000}`)),
        clock.sleep(5_000).then(() => ended.push(`short at ${clock.now() - from >= 5_000}`)),
      ]);
    });
    expect(ended).toEqual(["short at true", "long at true"]);
    // Overlapping waits take the longer one's time, not their sum.
    expect(clock.now() - from).toBeLessThan(13_000);
  });
});
