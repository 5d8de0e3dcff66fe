import { isLiveMetric, liveQueueUrl } from "../model/metric-spec.ts";
import type { Policy } from "../model/policy.ts";
import type { Combined } from "./combine-proposals.ts";
import type { DecisionContext } from "./context.ts";

export const DEFAULT_IDLE_SECONDS = 300;

interface QueueActivity {
  busy: boolean;
  inFlight: number;
}

/** Visible or in-flight messages on any queue the policies read (KEDA #1663, #7770). */
function queueActivity(policies: readonly Policy[], ctx: DecisionContext): QueueActivity {
  let busy = false;
  let inFlight = 0;
  for (const policy of policies) {
    if (!isLiveMetric(policy.metric)) continue;
    const depth = ctx.observation.queues[liveQueueUrl(policy.metric)];
    if (!depth) return { busy: true, inFlight: 0 }; // unobserved: assume work may be there
    inFlight += depth.inFlight;
    if (depth.visible > 0 || depth.inFlight > 0 || (countsDelayed(policy.metric) && depth.delayed > 0))
      busy = true;
  }
  return { busy, inFlight };
}

/**
 * The last task goes away only when the queues are empty, nothing is in flight, and that has lasted the idle
 * period. Returns the adjusted step and the idle clock to keep.
 */
export function applyScaleToZero(
  combined: Combined,
  policies: readonly Policy[],
  ctx: DecisionContext,
): { combined: Combined; idleSince: number | undefined } {
  const activity = queueActivity(policies, ctx);
  const idle = combined.capacity === 0 && !activity.busy;
  const idleSince = idle ? (ctx.previous?.idleSince ?? ctx.now) : undefined;
  if (combined.capacity > 0 || ctx.observation.desiredCount === 0) return { combined, idleSince };
  const idleSeconds = ctx.behavior?.scaleToZero?.idleSeconds ?? DEFAULT_IDLE_SECONDS;
  if (activity.inFlight > 0) {
    const message = `${activity.inFlight} messages in flight: keeping 1 task`;
    return { combined: keepOne(combined, { code: "MessagesInFlight", message }), idleSince };
  }
  const idleFor = idleSince === undefined ? 0 : ctx.now - idleSince;
  if (idleSince === undefined || idleFor < idleSeconds * 1000) {
    const message = `idle for ${Math.floor(idleFor / 1000)} s of ${idleSeconds} s before scaling to zero`;
    return { combined: keepOne(combined, { code: "ScaleToZeroIdleWait", message }), idleSince };
  }
  return { combined, idleSince };
}

function keepOne(combined: Combined, reason: Combined["reasons"][number]): Combined {
  return { ...combined, capacity: 1, reasons: [...combined.reasons, reason] };
}

function countsDelayed(metric: Parameters<typeof liveQueueUrl>[0]): boolean {
  return "sqs" in metric ? metric.sqs.countDelayed : metric.sqsUtilization.countDelayed;
}
