import type { Behavior } from "../model/behavior.ts";
import type { Reason } from "../model/decision.ts";

/** Kubernetes' defaults when a direction is configured without a window. */
export const DEFAULT_SCALE_UP_WINDOW_SECONDS = 0;
export const DEFAULT_SCALE_DOWN_WINDOW_SECONDS = 300;

export function stabilizationWindows(behavior: Behavior | undefined): { upMs: number; downMs: number } {
  const up = behavior?.scaleUp
    ? (behavior.scaleUp.stabilizationWindowSeconds ?? DEFAULT_SCALE_UP_WINDOW_SECONDS)
    : 0;
  const down = behavior?.scaleDown
    ? (behavior.scaleDown.stabilizationWindowSeconds ?? DEFAULT_SCALE_DOWN_WINDOW_SECONDS)
    : 0;
  return { upMs: up * 1000, downMs: down * 1000 };
}

/**
 * HPA's stabilizeRecommendationWithBehaviors: scale up no further than the lowest recommendation in the
 * scale-up window, and down no further than the highest in the scale-down window.
 */
export function stabilize(
  recommendation: number,
  current: number,
  history: readonly (readonly [number, number])[],
  now: number,
  behavior: Behavior | undefined,
): { value: number; reason?: Reason } {
  const { upMs, downMs } = stabilizationWindows(behavior);
  let up = recommendation;
  let down = recommendation;
  for (const [at, value] of history) {
    if (at > now - upMs) up = Math.min(up, value);
    if (at > now - downMs) down = Math.max(down, value);
  }
  let value = current;
  if (value < up) value = up;
  if (value > down) value = down;
  if (value === recommendation) return { value };
  const message =
    value > recommendation
      ? `scale-down window holds ${value} (highest recommendation in ${downMs / 1000} s), not ${recommendation}`
      : `scale-up window holds ${value} (lowest recommendation in ${upMs / 1000} s), not ${recommendation}`;
  return { value, reason: { code: "StabilizationWindow", message } };
}
