// The baseline: ECS cluster auto scaling (managed scaling of a capacity provider), as AWS documents it.
//
// Rules and sources:
// - Every minute ECS publishes CapacityProviderReservation = M / N × 100; 0/0 → 100, M > 0 with N = 0 → 200
//   (ECS developer guide, "Amazon ECS cluster auto scaling"; DESIGN §3 "Cluster stage").
// - N: instances in service. M with no PROVISIONING tasks: the instances running at least one task. With
//   PROVISIONING tasks: N plus the instances a binpack of those tasks needs, clamped to
//   [minimumScalingStepSize, maximumScalingStepSize] (AWS blog "Deep dive on Amazon ECS cluster auto scaling").
// - A target tracking policy on that metric at targetCapacity: the alarm to scale out needs 1 datapoint
//   above target, the one to scale in 15 consecutive ones below it (issue D; the CloudWatch alarms ECS creates).
//   Desired = ⌈N × metric / target⌉ = ⌈M × 100 / target⌉.
// - Instance warm-up (instanceWarmupPeriod, default 300 s): instances launching or warming up already count
//   toward the current capacity, so a scale-out only adds what exceeds the desired count (EC2 Auto Scaling,
//   "instance warmup"); no scale-in while an instance is warming up.
// - Scale-in removes at most 50 % of the instances per step (ECS managed scaling); a further step needs
//   another 15 minutes below target. Only empty instances terminate (managed termination protection).
// - The alarms see each datapoint `metricDelaySeconds` after ECS measured it (default 60 s: a 1-minute
//   datapoint exists once its minute is over). AWS names this latency itself — publishing the metric and the
//   alarm breach ("Optimize Amazon ECS cluster auto scaling") — and field reports put CAS scale-outs at minutes;
//   60 s is the least any CloudWatch alarm on a 1-minute metric can take. 0 gives the instant variant.
import { type CapacityConfig, capacityProviderReservation, instancesNeeded } from "@gantry/core";
import type { CapacityScaler, CapacityView } from "./capacity-scaler.ts";

export const ECS_CAS_SCALE_IN_DATAPOINTS = 15;

export interface EcsCasDatapoint {
  readonly at: number;
  readonly needed: number;
  readonly running: number;
  readonly reservation: number;
}

export interface EcsCasScaler extends CapacityScaler {
  readonly datapoints: readonly EcsCasDatapoint[];
}

export const ECS_CAS_METRIC_DELAY_SECONDS = 60;

export function createEcsCas(
  config: CapacityConfig,
  { metricDelaySeconds = ECS_CAS_METRIC_DELAY_SECONDS } = {},
): EcsCasScaler {
  const datapoints: EcsCasDatapoint[] = [];
  let belowSince = 0;
  return {
    name: "ecs-cas",
    intervalSeconds: 60,
    datapoints,
    step(view) {
      datapoints.push(measure(view, config));
      const point = datapoints.findLast((p) => p.at <= view.now - metricDelaySeconds * 1000);
      if (point === undefined) return;
      const target = config.targetCapacity;
      belowSince = point.reservation < target ? belowSince + 1 : 0;
      const current = view.cluster.usableCount();
      const tracked = Math.ceil((point.needed * 100) / target);
      if (point.reservation > target) {
        const desired = Math.min(Math.max(current, tracked), config.maxInstances);
        view.cluster.setDesiredInstances(Math.max(desired, config.minInstances), view.now);
      } else if (belowSince >= ECS_CAS_SCALE_IN_DATAPOINTS && !warming(view, config)) {
        const floor = current - Math.floor(current * 0.5);
        const desired = Math.max(tracked, floor, config.minInstances);
        if (desired < current) view.cluster.setDesiredInstances(desired, view.now);
        belowSince = 0;
      }
    },
  };
}

/** M and N as ECS computes them at `view.now`. */
function measure(view: CapacityView, config: CapacityConfig): EcsCasDatapoint {
  const instances = view.cluster.snapshot(view.now).filter((i) => i.lifecycle === "InService");
  const running = instances.filter((i) => !i.draining).length;
  let needed = instances.filter((i) => i.tasks.length > 0).length;
  if (view.provisioning.length > 0) {
    const estimate = instancesNeeded(view.provisioning, view.cluster.shape).count;
    const step = Math.min(Math.max(estimate, config.minimumScalingStepSize), config.maximumScalingStepSize);
    needed = running + step;
  }
  return { at: view.now, needed, running, reservation: capacityProviderReservation(needed, running) };
}

function warming(view: CapacityView, config: CapacityConfig): boolean {
  const warmupMs = config.instanceWarmupSeconds * 1000;
  return view.cluster.instances.some((i) => view.now - i.launchTime < warmupMs);
}
