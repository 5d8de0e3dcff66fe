/** Every reason a decision can give: a union the compiler checks, and the list schemas validate against. */
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
  "PredictiveScaleOut",
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
  "StartCostBreakEven",
  "ForecastMissed",
  "LaunchBatched",
  "OfferedLoadFloor",
  "BilledMinimumKept",
  "DryRun",
  // Gantry's own: another controller owns the service.
  "ManagedByApplicationAutoScaling",
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];
