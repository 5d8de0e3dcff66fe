import type { CapacityConfig } from "../capacity/capacity-config.ts";
import type { CapacityState, InstanceState, TaskResources } from "../capacity/cluster-model.ts";
import type { Activity } from "../model/activity.ts";

// The cluster stage's ports (issue D). CPU is in CPU units (1024 per vCPU), memory in MiB, counts in instances,
// instants in epoch ms. Instance ids are EC2 instance ids (`i-…`): the one id Auto Scaling and ECS share.
// Errors, as for the other ports: ThrottledError (retryable), NotFoundError (no such cluster, group or capacity
// provider), ValidationError (bad input, or a capacity provider not backed by an Auto Scaling group),
// ConflictError (a write against a stale version, or a scaling activity already under way).

/**
 * An ECS capacity provider's settings as the cluster stage uses them (mode `capacityProvider`). Gantry sizes the
 * provider's group itself: while managed scaling (ECS cluster auto scaling) or managed termination protection is
 * on, the stage first turns both off (`takeOverScaling`), since two controllers on one group fight.
 */
export interface CapacityProviderState {
  managedScaling: boolean;
  managedTerminationProtection: boolean;
  /** Percent of the instances tasks should use; Gantry plans with the lower of this and the capacity block's. */
  targetCapacity: number;
}

/** One cluster's instances as the group and ECS see them, read in one pass. */
export interface ClusterSnapshot {
  /** The group's instances, joined with their container instances and the tasks placed on them. */
  instances: InstanceState[];
  /** Registered size of the instances the group launches; undefined while none is registered with ECS. */
  instanceShape: { cpu: number; memory: number } | undefined;
  /** The Auto Scaling group's desired capacity, draining instances included. */
  groupDesired: number;
  /**
   * The group's MinSize and MaxSize. Auto Scaling rejects a desired capacity outside them (ValidationError), so
   * whatever the desired capacity counts (draining instances too) must stay inside.
   */
  groupMinSize: number;
  groupMaxSize: number;
  /** Each requested service's task size, from its current task definition; services ECS does not know are absent. */
  taskSizes: Record<string, TaskResources>;
  /** Mode `capacityProvider` only: the provider as DescribeCapacityProviders reports it. */
  provider?: CapacityProviderState;
}

/** The Auto Scaling group (directly, or behind an ECS capacity provider) and the ECS cluster it serves. */
export interface ClusterCapacityPort {
  /** `serviceIds` (`service/<cluster>/<service>`) are the services whose task sizes to read. */
  describeCluster(
    capacity: CapacityConfig,
    cluster: string,
    serviceIds: readonly string[],
  ): Promise<ClusterSnapshot>;
  /** SetDesiredCapacity on the group, never honouring its cooldown: Gantry keeps its own timing. */
  setDesiredInstances(capacity: CapacityConfig, desired: number): Promise<void>;
  /** Scale-in protection on or off; any number of ids (adapters batch them). */
  setProtection(capacity: CapacityConfig, instanceIds: readonly string[], protect: boolean): Promise<void>;
  /** Container instances to DRAINING; ids ECS does not know as container instances come back in `missing`. */
  drain(cluster: string, instanceIds: readonly string[]): Promise<{ missing: string[] }>;
  /** Terminate drained, empty instances, decrementing the group's desired capacity by one each. */
  terminate(capacity: CapacityConfig, instanceIds: readonly string[]): Promise<void>;
  /**
   * Mode `capacityProvider`: UpdateCapacityProvider with managed scaling and managed termination protection
   * DISABLED, every other setting (targetCapacity included) kept. A no-op when both are off already.
   */
  takeOverScaling(capacity: CapacityConfig): Promise<void>;
}

/** What the cluster stage keeps between passes, per capacity name. */
export interface CapacityRecord {
  state: CapacityState;
  /**
   * Instances Gantry set to DRAINING. Only these are terminated once empty: an instance someone else drained (for
   * maintenance, say) is left alone.
   */
  drainedByGantry: string[];
  /**
   * A change claimed before it is applied: its InProgress activity and the group desired capacity it aims for. A
   * pass cut short, an activity write that failed, or a write whose outcome is unknown (a timeout, a 5xx after
   * commit) leaves it, and a later pass settles the activity from the group's real desired capacity. Until
   * `settleAfter` (epoch ms) the invocation that claimed it may still be applying it.
   */
  pending?: { activity: Activity; groupDesired: number; settleAfter?: number };
}

/** A stored CapacityRecord with the version conditional writes check. */
export interface StoredCapacityRecord extends CapacityRecord {
  /** Bumped by every write; 0 before the first. */
  version: number;
}

/**
 * The cluster stage's memory, one item per capacity name (group or capacity provider). Writes are conditional:
 * a stale `expectedVersion` throws ConflictError and changes nothing, so of two concurrent passes only one acts.
 */
export interface CapacityStateStore {
  get(name: string): Promise<StoredCapacityRecord | undefined>;
  /** Create (expectedVersion 0) or replace. Returns the new version. */
  put(name: string, record: CapacityRecord, expectedVersion: number): Promise<number>;
}
