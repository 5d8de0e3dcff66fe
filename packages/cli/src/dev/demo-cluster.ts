// The demo's EC2 capacity (the second stage): the two SQS workers share one Auto Scaling group of 4 vCPU /
// 8 GiB instances, which the real reconciler sizes in the same pass that sets their desired counts. Instances
// launch in two simulated minutes: short enough to watch them arrive, long enough to show tasks waiting.
import type { CapacityConfigInput, Clock, ClusterCapacityPort } from "@gantry/core";
import { createSimClusterCapacityPort, Ec2Cluster, type InstanceShape } from "@gantry/sim";

/** The Auto Scaling group, as the workers' `capacity.name` names it. */
export const DEMO_GROUP = "demo-workers";
const LAUNCH_SECONDS = 120;
const INSTANCE: InstanceShape = { cpu: 4096, memory: 8192 };
/** 1 vCPU / 2 GiB: four worker tasks fill an instance. */
const WORKER_TASK: InstanceShape = { cpu: 1024, memory: 2048 };
/** The workers' largest desired counts (40 + 30 tasks) fit in 18 instances. */
const MAX_INSTANCES = 18;
/** Free room for one more task, so that a scale-out's first task starts at once. */
const HEADROOM_TASKS = 1;

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

/** The group's port for the reconciler; MaxSize leaves room above maxInstances for draining instances. */
export function createDemoCapacityPort(
  cluster: Ec2Cluster,
  clusterName: string,
  clock: Clock,
): ClusterCapacityPort {
  return createSimClusterCapacityPort({
    cluster,
    clock,
    groupName: DEMO_GROUP,
    clusterName,
    maxSize: MAX_INSTANCES + 4,
  });
}

/** Instances enough for `tasks` worker tasks and the headroom. */
export function instancesFor(tasks: number): number {
  const perInstance = Math.floor(
    Math.min(INSTANCE.cpu / WORKER_TASK.cpu, INSTANCE.memory / WORKER_TASK.memory),
  );
  return Math.ceil((tasks + HEADROOM_TASKS) / perInstance);
}
