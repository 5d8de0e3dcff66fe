// The simulated account the fault world runs on: its start time, the invocation runner whose caller the desired
// history records, the services, and the EC2 group the capacity stage scales, when the scenario asks for one.
import type { CapacityConfigInput } from "@gantry/core";
import { formatServiceId } from "@gantry/core";
import { DesiredHistory, Ec2Cluster, placementByService, SimAccount } from "@gantry/sim";
import { type Caller, InvocationRunner } from "./fault-context.ts";
import type { CapacityWorld, FaultWorldOptions } from "./fault-world-types.ts";

export const START = Date.UTC(2026, 0, 5, 12, 0, 0);
export const MINUTE = 60_000;

export function faultAccount(options: FaultWorldOptions) {
  const runner: InvocationRunner = new InvocationRunner(() => account.now());
  const history: DesiredHistory<Caller> = new DesiredHistory<Caller>(() => runner.caller());
  const cluster = options.capacity && capacityCluster(options.capacity);
  const account: SimAccount = new SimAccount({
    startMs: START,
    attributeLagSeconds: 0,
    history: history as DesiredHistory<unknown>,
    ...(cluster && { placement: placementByService(cluster.placement) }),
  });
  const services = options.services.map((spec) => account.addService(spec));
  return { runner, history, cluster, account, services };
}

export type CapacityCluster = ReturnType<typeof capacityCluster>;

function capacityCluster(options: CapacityWorld) {
  const ids = options.services.map((service) => formatServiceId({ cluster: options.cluster, service }));
  const ec2 = new Ec2Cluster({
    instanceShape: options.instance,
    taskSizes: Object.fromEntries(ids.map((id) => [id, options.task])),
    launchSeconds: options.launchSeconds ?? 60,
    startMs: START,
    initialInstances: options.initialInstances,
    terminateDrainedWhenEmpty: false,
  });
  return { ec2, options, placement: Object.fromEntries(ids.map((id) => [id, ec2])) };
}

/** A capacity block for targets on the world's group. */
export function capacityBlock(world: CapacityWorld, maxInstances: number): CapacityConfigInput {
  return {
    mode: "asg",
    name: world.groupName,
    maxInstances,
    instanceWarmupSeconds: world.launchSeconds ?? 60,
  };
}
