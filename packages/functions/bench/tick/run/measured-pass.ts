// The pass tickSeconds reports: a steady-state pass (after the warm-up pass and the simulated hour), run as a
// tick's first sub-tick runs it (alarm sync included), with real waits for the emulated latency and the
// deadline the tick handler gives it.
import type { TargetOutcome } from "@gantry/runtime";
import { invocationDeadline } from "../../../src/invocation-deadline.ts";
import type { AwsSide } from "../aws-side/aws-side.ts";
import type { AwsReport } from "../aws-side/emulated-aws.ts";
import type { BenchClock } from "../lambda-side/bench-clock.ts";
import type { LambdaStack } from "../lambda-side/lambda-stack.ts";
import { LogMeter } from "../lambda-side/log-meter.ts";
import { SUB_TICK_SECONDS, tickContext } from "./tick-settings.ts";

export interface MeasuredPass {
  seconds: number;
  /** CPU time of the Lambda side during the pass (user and system). */
  cpuSeconds: number;
  skippedTargets: number;
  outcomes: Partial<Record<TargetOutcome["status"], number>>;
  rssMb: number;
  report: AwsReport;
}

export async function measurePass(
  stack: LambdaStack,
  aws: AwsSide,
  clock: BenchClock,
  memoryMb: number,
): Promise<MeasuredPass> {
  clock.skip(SUB_TICK_SECONDS * 1000);
  await aws.resetUsage();
  await clock.paused(() => aws.advanceTo(clock.now()));
  const deadline = invocationDeadline(clock, tickContext(clock, memoryMb));
  const cpu = process.cpuUsage();
  const started = performance.now();
  const summary = await new LogMeter().around(
    () => stack.reconciler.reconcile({ deadline, trigger: { type: "schedule" }, syncAlarms: true }),
    { emf: false },
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  const outcomes: MeasuredPass["outcomes"] = {};
  for (const { status } of summary.outcomes) outcomes[status] = (outcomes[status] ?? 0) + 1;
  return {
    seconds,
    cpuSeconds,
    skippedTargets: outcomes.Skipped ?? 0,
    outcomes,
    rssMb,
    report: await aws.report(),
  };
}
