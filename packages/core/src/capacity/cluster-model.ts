import type { CapacityConfig } from "./capacity-config.ts";
import type { CapacityReason } from "./capacity-reason.ts";

// The cluster stage's input and output: plain JSON, so a plan can be logged, replayed and explained.
// CPU is in CPU units (1024 per vCPU) and memory in MiB, as ECS registers them; instants are epoch milliseconds.

/** What one task reserves. `hostPorts` is empty for awsvpc and dynamic host ports, which never conflict. */
export interface TaskResources {
  cpu: number;
  memory: number;
  hostPorts: number[];
}

/** A task of a service, running or to be placed. */
export interface TaskFootprint extends TaskResources {
  serviceId: string;
}

/** One service of the cluster after stage 1: `desiredCount` is the new desired count. */
export interface ServiceDemand {
  serviceId: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  deploymentInProgress: boolean;
  /** Stage 1 raised its desired count in this pass. */
  scalingOut: boolean;
  task: TaskResources;
}

export type InstanceLifecycle = "Pending" | "InService" | "Terminating";

/** One container instance: its registered size and the tasks placed on it (any service, managed or not). */
export interface InstanceState {
  id: string;
  instanceType: string;
  cpu: number;
  memory: number;
  launchTime: number;
  protectedFromScaleIn: boolean;
  draining: boolean;
  tasks: TaskFootprint[];
  lifecycle: InstanceLifecycle;
}

export const CAPACITY_STATE_VERSION = 1;

/** The cluster stage's memory between passes. */
export interface CapacityState {
  version: typeof CAPACITY_STATE_VERSION;
  lastScaleOutAt?: number;
  /** Since when each instance has been unneeded without a break. */
  unneededSince: Record<string, number>;
  /**
   * Instances Gantry itself protected from scale-in (because they were busy). Their protection is lifted when
   * they fall idle, and it does not stop Gantry from draining them; any other protection is the user's and does.
   */
  protectedByGantry?: string[];
}

export interface CapacityPlanInput {
  now: number;
  config: CapacityConfig;
  services: ServiceDemand[];
  instances: InstanceState[];
  /** The size of the instance type the group launches. */
  instanceShape: { cpu: number; memory: number };
  state?: CapacityState;
}

export type CapacityAction = "ScaleOut" | "ScaleIn" | "None";

/**
 * The cluster stage's answer. `desiredInstances` counts usable instances (pending or in service, not draining)
 * after the plan; instances in `drain` leave that count now and are terminated once their tasks have moved.
 */
export interface CapacityPlan {
  desiredInstances: number;
  /** Instances to launch (+) or to remove (−); 0 to hold. */
  step: number;
  action: CapacityAction;
  /** Instances to drain before terminating: only those whose tasks the placement simulation fits elsewhere. */
  drain: string[];
  /** Busy instances (running tasks, not drained) that should be protected from scale-in. */
  protect: string[];
  /** Instances Gantry protected earlier that are idle or drained now: lift their protection. */
  unprotect: string[];
  /**
   * ECS's CapacityProviderReservation (M / N × 100) for comparison: M the instances needed, N the instances in
   * service and not draining.
   */
  reservation: number;
  reasons: CapacityReason[];
  state: CapacityState;
}
