import {
  type CapacityConfig,
  type CapacityProviderState,
  type ClusterCapacityPort,
  type ClusterSnapshot,
  type InstanceState,
  type TaskResources,
  ValidationError,
} from "@gantry/core";
import { CallLog } from "@gantry/runtime/local-stack";

type Method = keyof ClusterCapacityPort;

/**
 * ClusterCapacityPort over an in-memory group: writes change what the next describeCluster returns (drain marks
 * DRAINING, terminate removes and decrements, setDesiredInstances only records the number). Like Auto Scaling,
 * setDesiredInstances rejects a number outside the group's MinSize and MaxSize with a ValidationError. Test
 * support.
 */
export class FakeClusterCapacityPort implements ClusterCapacityPort {
  readonly fake = new CallLog<Method>();
  instances: InstanceState[];
  groupDesired: number;
  groupMinSize = 0;
  groupMaxSize = 100;
  taskSizes: Record<string, TaskResources>;
  /** Set for a capacity provider; `takeOverScaling` turns its managed scaling and protection off. */
  provider: CapacityProviderState | undefined;
  /** Makes `takeOverScaling` throw (an UpdateCapacityProvider refused). */
  takeOverError: Error | undefined;
  instanceShape: { cpu: number; memory: number } | undefined = { cpu: 4096, memory: 8192 };

  constructor(instances: InstanceState[], taskSizes: Record<string, TaskResources>) {
    this.instances = instances;
    this.groupDesired = instances.length;
    this.taskSizes = taskSizes;
  }

  async describeCluster(capacity: CapacityConfig, cluster: string, serviceIds: readonly string[]) {
    this.fake.enter("describeCluster", capacity.name, cluster, serviceIds);
    const snapshot: ClusterSnapshot = {
      instances: structuredClone(this.instances),
      instanceShape: this.instanceShape,
      groupDesired: this.groupDesired,
      groupMinSize: this.groupMinSize,
      groupMaxSize: this.groupMaxSize,
      taskSizes: structuredClone(this.taskSizes),
      ...(this.provider && { provider: { ...this.provider } }),
    };
    return snapshot;
  }

  async setDesiredInstances(capacity: CapacityConfig, desired: number) {
    this.fake.enter("setDesiredInstances", capacity.name, desired);
    // Auto Scaling's own wording for the same refusal.
    if (desired > this.groupMaxSize) {
      throw new ValidationError(
        `New SetDesiredCapacity value ${desired} is above max value ${this.groupMaxSize}`,
      );
    }
    if (desired < this.groupMinSize) {
      throw new ValidationError(
        `New SetDesiredCapacity value ${desired} is below min value ${this.groupMinSize}`,
      );
    }
    this.groupDesired = desired;
  }

  async setProtection(capacity: CapacityConfig, ids: readonly string[], protect: boolean) {
    this.fake.enter("setProtection", capacity.name, ids, protect);
    for (const i of this.instances) if (ids.includes(i.id)) i.protectedFromScaleIn = protect;
  }

  async drain(cluster: string, ids: readonly string[]) {
    this.fake.enter("drain", cluster, ids);
    for (const i of this.instances) if (ids.includes(i.id)) i.draining = true;
    return { missing: ids.filter((id) => !this.instances.some((i) => i.id === id)) };
  }

  async terminate(capacity: CapacityConfig, ids: readonly string[]) {
    this.fake.enter("terminate", capacity.name, ids);
    this.instances = this.instances.filter((i) => !ids.includes(i.id));
    this.groupDesired -= ids.length;
  }

  async takeOverScaling(capacity: CapacityConfig) {
    this.fake.enter("takeOverScaling", capacity.name);
    if (this.takeOverError) throw this.takeOverError;
    if (this.provider)
      this.provider = { ...this.provider, managedScaling: false, managedTerminationProtection: false };
  }

  /** The calls that change the group or its instances, as `[method, ...args]`. */
  writes(): unknown[][] {
    return this.fake.calls.filter((c) => c.method !== "describeCluster").map((c) => [c.method, ...c.args]);
  }
}
