// ClusterCapacityPort over a simulated EC2 cluster: one Auto Scaling group serving one ECS cluster, with the
// semantics of the AWS adapter (packages/aws/src/autoscaling/cluster-capacity-adapter.ts), so the real
// reconciler's second stage runs unchanged against the simulated account.
//
// How the simulated group differs from a real one, and why:
// - It acts at once: a SetDesiredCapacity launches or terminates in the same call, so the group's desired
//   capacity is its instance count (launching, in service and draining alike).
// - A lower desired capacity terminates only empty, unprotected instances: the ECS model cannot stop a task
//   the group picks. Gantry protects busy instances before it lowers the desired capacity, so it never asks
//   for more.
// - A capacity provider (`provider`) is described with its managed scaling, managed termination protection and
//   targetCapacity; ECS's own scaling is not simulated, since Gantry's first pass turns it off (takeOverScaling).
// - Drained instances stay until `terminate` names them (Gantry owns scale-in), and ECS's moving of a
//   draining instance's tasks is brought up to date whenever the port looks at the cluster or drains.
import {
  type CapacityConfig,
  type CapacityProviderState,
  type Clock,
  type ClusterCapacityPort,
  type ClusterSnapshot,
  NotFoundError,
  type TaskResources,
  ValidationError,
} from "@gantry/core";
import type { DesiredHistory } from "../account/desired-history.ts";
import type { Ec2Cluster } from "./ec2-cluster.ts";

export interface SimClusterCapacityOptions {
  /** Built with `terminateDrainedWhenEmpty: false`: Gantry terminates what it drained. */
  readonly cluster: Ec2Cluster;
  readonly clock: Clock;
  /** The group's or capacity provider's name, as targets' `capacity.name` holds it. */
  readonly groupName: string;
  /** Set when `groupName` is a capacity provider: its settings as DescribeCapacityProviders would report them. */
  readonly provider?: CapacityProviderState;
  /** The ECS cluster's name, as in `service/<cluster>/<service>`. */
  readonly clusterName: string;
  /** The group's MinSize and MaxSize; default 0 and 100. */
  readonly minSize?: number;
  readonly maxSize?: number;
  /** Records every change of the group's desired capacity, as `group/<groupName>` (fault suites). */
  readonly history?: DesiredHistory<unknown>;
}

export function createSimClusterCapacityPort(options: SimClusterCapacityOptions): ClusterCapacityPort {
  const { cluster, clock, minSize = 0, maxSize = 100, history } = options;
  // A cluster that terminates drained instances itself would shrink the group behind Gantry's back.
  if (cluster.terminateDrainedWhenEmpty) {
    throw new ValidationError("the cluster must keep drained instances for Gantry to terminate", "cluster");
  }
  const group = (capacity: CapacityConfig): void => {
    if (capacity.name !== options.groupName) {
      throw new NotFoundError(`no Auto Scaling group or capacity provider named ${capacity.name}`, "name");
    }
  };
  // The group's desired capacity is its instance count (see above), before and after the call.
  const recorded = (action: "SetDesiredCapacity" | "TerminateInstances", change: () => void): void => {
    const from = cluster.instances.length;
    change();
    const to = cluster.instances.length;
    history?.record({ resource: `group/${options.groupName}`, action, from, to, at: clock.now() });
  };
  let provider = options.provider && { ...options.provider };
  const ecsCluster = (name: string): void => {
    if (name !== options.clusterName) throw new NotFoundError(`no ECS cluster ${name}`, "cluster");
  };
  return {
    async describeCluster(capacity, clusterName, serviceIds) {
      group(capacity);
      ecsCluster(clusterName);
      const snapshot = snapshotOf(cluster, clock.now(), serviceIds, { minSize, maxSize });
      return provider ? { ...snapshot, provider: { ...provider } } : snapshot;
    },
    async setDesiredInstances(capacity, desired) {
      group(capacity);
      checkDesired(desired, minSize, maxSize);
      // The desired capacity counts the draining instances, which only `terminate` removes.
      const draining = cluster.instances.filter((i) => i.draining).length;
      recorded("SetDesiredCapacity", () =>
        cluster.setDesiredInstances(Math.max(0, desired - draining), clock.now()),
      );
    },
    async setProtection(capacity, instanceIds, protect) {
      group(capacity);
      const live = new Set(cluster.instances.map((i) => i.id));
      const outside = instanceIds.filter((id) => !live.has(id));
      // SetInstanceProtection's own refusal: nothing changes.
      if (outside.length > 0) {
        throw new ValidationError(`instances ${outside.join(", ")} are not part of group ${capacity.name}`);
      }
      cluster.setProtection(instanceIds, protect);
    },
    async drain(clusterName, instanceIds) {
      ecsCluster(clusterName);
      const live = new Set(cluster.instances.map((i) => i.id));
      const now = clock.now();
      cluster.drain(instanceIds, now);
      cluster.tick(now);
      return { missing: instanceIds.filter((id) => !live.has(id)) };
    },
    async terminate(capacity, instanceIds) {
      group(capacity);
      // Each one leaves the instance count, and so the desired capacity, one lower.
      recorded("TerminateInstances", () => cluster.terminate(instanceIds, clock.now()));
    },
    async takeOverScaling(capacity) {
      group(capacity);
      // UpdateCapacityProvider on something that is not a provider: ECS finds no provider by that name.
      if (!provider || capacity.mode !== "capacityProvider") {
        throw new NotFoundError(`no capacity provider named ${capacity.name}`, "name");
      }
      provider = { ...provider, managedScaling: false, managedTerminationProtection: false };
    },
  };
}

function snapshotOf(
  cluster: Ec2Cluster,
  now: number,
  serviceIds: readonly string[],
  size: { minSize: number; maxSize: number },
): ClusterSnapshot {
  cluster.tick(now);
  const taskSizes: Record<string, TaskResources> = {};
  for (const id of serviceIds) {
    const task = cluster.taskSize(id);
    if (task) taskSizes[id] = { cpu: task.cpu, memory: task.memory, hostPorts: [] };
  }
  return {
    instances: cluster.snapshot(now),
    // ECS knows the size once an instance has registered (is in service), as the AWS adapter reads it.
    instanceShape: cluster.instances.some((i) => i.inService(now)) ? { ...cluster.shape } : undefined,
    groupDesired: cluster.instances.length,
    groupMinSize: size.minSize,
    groupMaxSize: size.maxSize,
    taskSizes,
  };
}

/** Auto Scaling's SetDesiredCapacity refusals, in its own wording. */
function checkDesired(desired: number, minSize: number, maxSize: number): void {
  if (!(Number.isInteger(desired) && desired >= 0)) {
    throw new ValidationError(`desired capacity must be an integer ≥ 0, not ${desired}`, "desiredCapacity");
  }
  if (desired > maxSize) {
    throw new ValidationError(`New SetDesiredCapacity value ${desired} is above max value ${maxSize}`);
  }
  if (desired < minSize) {
    throw new ValidationError(`New SetDesiredCapacity value ${desired} is below min value ${minSize}`);
  }
}
