import type { Behavior } from "../model/behavior.ts";
import type { Reason } from "../model/decision.ts";
import type { ScalingState } from "../model/state.ts";
import { limitRate, longestRatePeriodMs } from "./hpa-rate-limits.ts";
import { stabilizationWindows, stabilize } from "./hpa-stabilization.ts";

export function hasRateBehavior(behavior: Behavior | undefined): behavior is Behavior {
  return behavior?.scaleUp !== undefined || behavior?.scaleDown !== undefined;
}

/** HPA behavior after the policies: stabilization windows, then Pods/Percent rate limits. */
export function applyBehavior(
  recommendation: number,
  desired: number,
  now: number,
  behavior: Behavior | undefined,
  previous: ScalingState | undefined,
): { value: number; reasons: Reason[] } {
  if (!hasRateBehavior(behavior)) return { value: recommendation, reasons: [] };
  const stabilized = stabilize(recommendation, desired, previous?.recommendations ?? [], now, behavior);
  const limited = limitRate(stabilized.value, desired, previous?.scaleEvents ?? [], now, behavior);
  const reasons = [stabilized.reason, limited.reason].filter((r): r is Reason => r !== undefined);
  return { value: limited.value, reasons };
}

/** The behavior histories to keep: recommendations within the longest window, events within the longest period. */
export function behaviorHistory(
  behavior: Behavior | undefined,
  previous: ScalingState | undefined,
  entry: { now: number; recommendation: number; change: number },
): Pick<ScalingState, "recommendations" | "scaleEvents"> {
  if (!hasRateBehavior(behavior)) return { recommendations: [], scaleEvents: [] };
  const { upMs, downMs } = stabilizationWindows(behavior);
  const keepRecommendationsMs = Math.max(upMs, downMs);
  const keepEventsMs = longestRatePeriodMs(behavior);
  const { now, recommendation, change } = entry;
  const recommendations = [...(previous?.recommendations ?? []), [now, recommendation] as [number, number]]
    .filter(([at]) => at > now - keepRecommendationsMs || at === now)
    .slice(-256);
  const events = previous?.scaleEvents ?? [];
  const scaleEvents = [...events, ...(change !== 0 ? [[now, change] as [number, number]] : [])]
    .filter(([at]) => at > now - keepEventsMs)
    .slice(-256);
  return { recommendations, scaleEvents };
}
