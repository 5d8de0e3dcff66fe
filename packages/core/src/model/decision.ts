import type { ScalingState } from "./state.ts";

export const REASON_CODES = [
  // AWS Application Auto Scaling's not-scaled codes.
  "AlreadyAtMaxCapacity",
  "AlreadyAtMinCapacity",
  "AlreadyAtDesiredCapacity",
  "AutoScalingAnticipatedFlapping",
  "TargetServicePutResourceAsUnscalable",
  // Why capacity changes.
  "TargetTrackingScaleOut",
  "TargetTrackingScaleIn",
  "StepScalingAdjustment",
  "ScheduledActionApplied",
  "WakeFromZero",
  "BelowMinCapacity",
  "AboveMaxCapacity",
  "FallbackCapacity",
  // Why a policy or the target holds.
  "WithinTarget",
  "InsufficientData",
  "AlarmNotBreached",
  "NoStepMatched",
  "StepAlreadyApplied",
  "DuplicateEvent",
  "ScaleOutCooldown",
  "ScaleInCooldown",
  "ScaleInNotUnanimous",
  "ScaleInDisabled",
  "DynamicScalingOutSuspended",
  "DynamicScalingInSuspended",
  "ScheduledScalingSuspended",
  "ScaleToZeroIdleWait",
  "MessagesInFlight",
  "StabilizationWindow",
  "ScaleUpLimit",
  "ScaleDownLimit",
  "DryRun",
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  code: ReasonCode;
  message: string;
  policy?: string;
}

export type ScalingAction = "ScaleOut" | "ScaleIn" | "None";

/** The core's answer: plain JSON, so it can be logged, stored, replayed and explained. */
export interface Decision {
  desiredCapacity: number;
  action: ScalingAction;
  reasons: Reason[];
  state: ScalingState;
}
