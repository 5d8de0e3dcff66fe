// The simulated hour the monthly cost is priced from: the real tick handler invoked once a minute, its sub-ticks
// every 15 s, on the warped clock (each pass takes its CPU time plus its emulated AWS waits, without waiting).
import { createTickHandler } from "../../../src/tick.ts";
import type { AwsSide } from "../aws-side/aws-side.ts";
import type { BenchClock } from "../lambda-side/bench-clock.ts";
import type { LambdaStack } from "../lambda-side/lambda-stack.ts";
import { LogMeter } from "../lambda-side/log-meter.ts";
import type { PeriodUsage } from "../pricing/monthly-cost.ts";
import { advancing } from "./fleet-setup.ts";
import { SUB_TICK_SECONDS, TICK_PERIOD_MS, tickContext } from "./tick-settings.ts";

/** Lambda's START, END and REPORT lines per invocation, and CloudWatch Logs' 26 bytes per log event. */
const PLATFORM_LOG_BYTES = 350;
const EVENT_OVERHEAD_BYTES = 26;

export interface HourSummary {
  usage: PeriodUsage;
  passes: number;
  skippedTargets: number;
  updateServices: number;
  /** Mean Lambda billed seconds per invocation. */
  invocationSeconds: number;
  /** Invocations that ran into the next one's minute (they would overlap in Lambda; here they queue). */
  overruns: number;
}

export async function simulateHour(
  stack: LambdaStack,
  aws: AwsSide,
  clock: BenchClock,
  options: { targets: number; minutes: number; memoryMb: number },
): Promise<HourSummary> {
  const { targets, minutes, memoryMb } = options;
  const meter = new LogMeter();
  const reconciler = advancing(stack.reconciler, aws, clock);
  const handler = createTickHandler({
    ...stack.observability,
    reconciler,
    clock,
    sleep: clock.sleep,
    subTickSeconds: SUB_TICK_SECONDS,
  });
  await aws.resetUsage();
  const start = Math.ceil(clock.now() / TICK_PERIOD_MS) * TICK_PERIOD_MS;
  let billedMs = 0;
  let passes = 0;
  let skippedTargets = 0;
  let overruns = 0;
  for (let minute = 0; minute < minutes; minute++) {
    const at = start + minute * TICK_PERIOD_MS;
    if (clock.now() > at) overruns += 1;
    await clock.warp(async () => {
      if (at > clock.now()) await clock.sleep(at - clock.now());
    });
    const began = clock.now();
    const event = { id: `bench-${minute}` };
    const summary = await clock.warp(() =>
      meter.around(() => handler(event, tickContext(clock, memoryMb)), {
        emf: true,
        overhead: (ms) => clock.discount(ms),
      }),
    );
    billedMs += Math.ceil(clock.now() - began);
    passes += summary.passes;
    skippedTargets += summary.outcomes.Skipped ?? 0;
  }
  const report = await aws.report();
  const usage: PeriodUsage = {
    hours: minutes / 60,
    targets,
    getMetricDataMetrics: report.getMetricDataMetrics,
    sqsRequests: report.calls["sqs:GetQueueAttributes"] ?? 0,
    readUnits: report.readUnits,
    writeUnits: report.writeUnits,
    lambdaInvocations: minutes,
    lambdaGbSeconds: (billedMs / 1000) * (memoryMb / 1024),
    putEventsEntries: report.putEventsEntries,
    schedulerInvocations: minutes,
    alarms: report.alarms,
    customMetrics: meter.metrics.size,
    logBytes: meter.bytes + EVENT_OVERHEAD_BYTES * meter.lines + PLATFORM_LOG_BYTES * minutes,
  };
  const updateServices = report.calls["ecs:UpdateService"] ?? 0;
  return {
    usage,
    passes,
    skippedTargets,
    updateServices,
    invocationSeconds: billedMs / 1000 / minutes,
    overruns,
  };
}
