/** Why the cluster stage did or did not change the instance count; the same style as the service decisions. */
export const CAPACITY_REASON_CODES = [
  "CapacityNeeded",
  "AlreadyHasCapacity",
  "AtMaxInstances",
  "AtMinInstances",
  "StepClamped",
  "InstancesWarmingUp",
  "ServiceScalingOut",
  "DeploymentInProgress",
  "DelayAfterScaleOut",
  "UnneededTooShort",
  "TasksWouldNotFit",
  "DrainInstances",
  "TaskTooLarge",
  "HeadroomKept",
  "AtGroupMaxSize",
  "AtGroupMinSize",
] as const;

export type CapacityReasonCode = (typeof CAPACITY_REASON_CODES)[number];

export interface CapacityReason {
  code: CapacityReasonCode;
  message: string;
}
