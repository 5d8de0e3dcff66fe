// The demo's EC2 capacity (the second stage): the two SQS workers share one Auto Scaling group of 4 vCPU /
// 8 GiB instances (mode asg), and the batch worker runs in its own ECS cluster behind a capacity provider (mode
// capacityProvider) that starts with ECS's managed scaling on at targetCapacity 80 %: the first pass takes it
// over (an activity says so) and then sizes it at 80 %. The real reconciler sizes both in the same pass that sets
// the desired counts. Instances launch in two simulated minutes: short enough to watch them arrive, long enough
// to show tasks waiting.
import { type CapacityConfigInput, type Clock, type ClusterCapacityPort, NotFoundError } from "@gantry/core";
import { createSimClusterCapacityPort, Ec2Cluster, type InstanceShape } from "@gantry/sim";

/** The Auto Scaling group, as the workers' `capacity.name` names it. */
export const DEMO_GROUP = "demo-workers";
/** The batch worker's capacity provider, as its `capacity.name` names it. */
export const DEMO_PROVIDER = "demo-batch-cp";
/** The provider's settings before Gantry's first pass: ECS cluster auto scaling on, at 80 %. */
export const DEMO_PROVIDER_SETTINGS = {
  managedScaling: true,
  managedTerminationProtection: true,
  targetCapacity: 80,
};
/** The batch worker's largest desired count (20 tasks) at 80 % fits in 7 instances. */
const PROVIDER_MAX_INSTANCES = 8;
const LAUNCH_SECONDS = 120;
const INSTANCE: InstanceShape = { cpu: 4096, memory: 8192 };
/** 1 vCPU / 2 GiB: four worker tasks fill an instance. */
const WORKER_TASK: InstanceShape = { cpu: 1024, memory: 2048 };
/** The workers' largest desired counts (40 + 30 tasks) fit in 18 instances. */
const MAX_INSTANCES = 18;
/** Free room for one more task, so that a scale-out's first task starts at once. */
const HEADROOM_TASKS = 1;

/** The batch worker's capacity block: the provider's targetCapacity applies, no headroom. */
export function demoProviderCapacity(): CapacityConfigInput {
  return {
    mode: "capacityProvider",
    name: DEMO_PROVIDER,
    maxInstances: PROVIDER_MAX_INSTANCES,
    instanceWarmupSeconds: LAUNCH_SECONDS,
  };
}

/** The workers' capacity block: a new instance counts as capacity coming while it launches. */
export function demoCapacity(): CapacityConfigInput {
  return {
    mode: "asg",
    name: DEMO_GROUP,
    maxInstances: MAX_INSTANCES,
    headroomTasks: HEADROOM_TASKS,
    instanceWarmupSeconds: LAUNCH_SECONDS,
  };
}

/**
 * The cluster under the workers, with `initialInstances` in service at `startMs`. Drained instances stay
 * until Gantry terminates them, as they do in a group whose scale-in Gantry owns.
 */
export function createDemoCluster(workerIds: readonly string[], startMs: number, initialInstances: number) {
  return new Ec2Cluster({
    instanceShape: INSTANCE,
    taskSizes: Object.fromEntries(workerIds.map((id) => [id, WORKER_TASK])),
    launchSeconds: LAUNCH_SECONDS,
    instanceType: "sim.4vcpu",
    startMs,
    initialInstances,
    terminateDrainedWhenEmpty: false,
  });
}

/** The clusters the demo's groups serve: the workers' (`demo`) and the batch worker's (`demo-batch`). */
export interface DemoClusters {
  workers: { name: string; cluster: Ec2Cluster };
  batch: { name: string; cluster: Ec2Cluster };
}

/**
 * One port over both groups: calls go to the group the capacity names, drains to the ECS cluster's group. Each
 * MaxSize leaves room above maxInstances for draining instances.
 */
export function createDemoCapacityPort(clusters: DemoClusters, clock: Clock): ClusterCapacityPort {
  const workers = createSimClusterCapacityPort({
    cluster: clusters.workers.cluster,
    clock,
    groupName: DEMO_GROUP,
    clusterName: clusters.workers.name,
    maxSize: MAX_INSTANCES + 4,
  });
  const batch = createSimClusterCapacityPort({
    cluster: clusters.batch.cluster,
    clock,
    groupName: DEMO_PROVIDER,
    clusterName: clusters.batch.name,
    maxSize: PROVIDER_MAX_INSTANCES + 4,
    provider: DEMO_PROVIDER_SETTINGS,
  });
  const named = (name: string) => (name === DEMO_PROVIDER ? batch : workers);
  return {
    describeCluster: (capacity, cluster, ids) => named(capacity.name).describeCluster(capacity, cluster, ids),
    setDesiredInstances: (capacity, desired) => named(capacity.name).setDesiredInstances(capacity, desired),
    setProtection: (capacity, ids, protect) => named(capacity.name).setProtection(capacity, ids, protect),
    terminate: (capacity, ids) => named(capacity.name).terminate(capacity, ids),
    takeOverScaling: (capacity) => named(capacity.name).takeOverScaling(capacity),
    drain: async (cluster, ids) => {
      if (cluster === clusters.batch.name) return batch.drain(cluster, ids);
      if (cluster === clusters.workers.name) return workers.drain(cluster, ids);
      throw new NotFoundError(`no ECS cluster ${cluster}`, "cluster");
    },
  };
}

/** Instances enough for `tasks` worker tasks and the headroom. */
export function instancesFor(tasks: number): number {
  const perInstance = Math.floor(
    Math.min(INSTANCE.cpu / WORKER_TASK.cpu, INSTANCE.memory / WORKER_TASK.memory),
  );
  return Math.ceil((tasks + HEADROOM_TASKS) / perInstance);
}
