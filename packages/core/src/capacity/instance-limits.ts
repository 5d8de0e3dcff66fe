import type { CapacityConfig } from "./capacity-config.ts";
import type { CapacityReason } from "./capacity-reason.ts";
import { count } from "./counting.ts";

/** A limit applied: the value kept, and why it differs from what was asked (as stage 1's clamps do). */
export interface Limited {
  value: number;
  reason?: CapacityReason;
}

type Bounds = Pick<CapacityConfig, "minInstances" | "maxInstances">;
type Steps = Pick<CapacityConfig, "minimumScalingStepSize" | "maximumScalingStepSize">;

/** Keeps the instance count in [minInstances, maxInstances]; at max, says how many tasks stay pending. */
export function boundInstances(wanted: number, bounds: Bounds, strandedAtMax: () => number): Limited {
  const { minInstances: min, maxInstances: max } = bounds;
  if (wanted > max) {
    const stranded = strandedAtMax();
    const effect =
      stranded > 0 ? `${count(stranded, "task")} stay pending` : "every task still fits, with less spare";
    return {
      value: max,
      reason: {
        code: "AtMaxInstances",
        message: `${wanted} instances wanted, capped at max ${max}: ${effect}`,
      },
    };
  }
  if (wanted < min) {
    return {
      value: min,
      reason: { code: "AtMinInstances", message: `${wanted} instances wanted, held at min ${min}` },
    };
  }
  return { value: wanted };
}

/**
 * Instances to launch now: the gap clamped to [minimumScalingStepSize, maximumScalingStepSize] as ECS does
 * [AWS], then kept inside the bounds, which win over step sizes.
 */
export function clampScaleOutStep(gap: number, current: number, config: Bounds & Steps): Limited {
  const { minimumScalingStepSize: minStep, maximumScalingStepSize: maxStep } = config;
  const notes: string[] = [];
  let step = gap;
  if (step < minStep) {
    step = minStep;
    notes.push(`raised to the minimum step ${minStep}`);
  }
  if (step > maxStep) {
    step = maxStep;
    notes.push(`cut to the maximum step ${maxStep}`);
  }
  if (current + step > config.maxInstances) {
    step = config.maxInstances - current;
    notes.push(`cut to ${step} by max ${config.maxInstances}`);
  }
  if (current + step < config.minInstances) {
    step = config.minInstances - current;
    notes.push(`raised to ${step} to reach min ${config.minInstances}`);
  }
  if (step === gap) return { value: step };
  return {
    value: step,
    reason: { code: "StepClamped", message: `${count(gap, "instance")} short, step ${notes.join(", ")}` },
  };
}
