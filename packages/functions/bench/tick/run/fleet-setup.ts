// Before anything is measured: the targets written to the state table, CloudWatch given history, and one
// warm-up pass so that every target has state and every managed alarm exists.
import { mapBounded, type TargetConfig } from "@gantry/core";
import type { Reconciler } from "@gantry/runtime";
import type { AwsSide } from "../aws-side/aws-side.ts";
import { type FleetSpec, plannedTarget, targetConfig } from "../fleet/fleet-plan.ts";
import type { BenchClock } from "../lambda-side/bench-clock.ts";
import type { LambdaStack } from "../lambda-side/lambda-stack.ts";
import type { LogMeter } from "../lambda-side/log-meter.ts";

/** Simulated minutes the services run before the first pass, so CPU target tracking has its 15 datapoints. */
export const PREROLL_MINUTES = 20;

/** A pass that first brings the simulated account up to the pass's start (outside the Lambda's time). */
export function advancing(reconciler: Reconciler, aws: AwsSide, clock: BenchClock): Reconciler {
  return {
    reconcile: async (options) => {
      await clock.paused(() => aws.advanceTo(clock.now()));
      return reconciler.reconcile(options);
    },
  };
}

export async function setUpFleet(
  spec: FleetSpec,
  stack: LambdaStack,
  aws: AwsSide,
  clock: BenchClock,
  meter: LogMeter,
): Promise<TargetConfig[]> {
  const configs = Array.from({ length: spec.targets }, (_, index) =>
    targetConfig(plannedTarget(spec, index)),
  );
  stack.latency.enabled = false;
  await clock.paused(() => mapBounded(configs, 16, (config) => stack.store.putConfig(config, 0)));
  stack.latency.enabled = true;
  clock.skip(PREROLL_MINUTES * 60_000);
  // Warm-up: the first pass writes every target's state; no deadline cuts it short.
  const reconciler = advancing(stack.reconciler, aws, clock);
  const deadline = clock.now() + 3_600_000;
  await clock.warp(() =>
    meter.around(() => reconciler.reconcile({ deadline, trigger: { type: "schedule" } }), { emf: false }),
  );
  return configs;
}
