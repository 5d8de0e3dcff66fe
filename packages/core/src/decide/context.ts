import type { Behavior } from "../model/behavior.ts";
import type { Reason } from "../model/decision.ts";
import type { Trigger } from "../model/evaluate-request.ts";
import type { Observation } from "../model/observation.ts";
import type { LiveRun, ScalingState } from "../model/state.ts";
import type { Target } from "../model/target.ts";

/** Everything one decision reads. `previous` is undefined on a target's first decision. */
export interface DecisionContext {
  now: number;
  target: Target;
  observation: Observation;
  previous: ScalingState | undefined;
  behavior: Behavior | undefined;
  trigger: Trigger | undefined;
  /** The min/max in force (scheduled actions may have moved them). */
  bounds: { minCapacity: number; maxCapacity: number };
}

/** out / in: the policy asks for `capacity`; hold: it asks for no change; noData: it cannot tell. */
export type Intent = "out" | "in" | "hold" | "noData";

/** One policy's opinion, with its reasons and the state it wants kept. */
export interface PolicyProposal {
  policy: string;
  intent: Intent;
  capacity: number;
  /** Whether this policy has a vote on scale-in (scale-in happens only if every voter agrees). */
  canScaleIn: boolean;
  reasons: Reason[];
  live?: LiveRun;
  /** CloudWatch-backed target tracking: [newest datapoint, running count when first read], to keep. */
  datapointBase?: [number, number];
  /**
   * Target tracking: the tasks in use, whether or not the policy acts: the capacity that brings the metric to
   * target, and at least the tasks working a message now.
   */
  need?: number;
  /** Step policies: the datapoint (or live period) this proposal consumes when it is carried out. */
  stepKey?: number;
}

export function hold(
  ctx: DecisionContext,
  policy: string,
  canScaleIn: boolean,
  reason: Omit<Reason, "policy">,
  intent: "hold" | "noData" = "hold",
): PolicyProposal {
  return {
    policy,
    intent,
    capacity: ctx.observation.desiredCount,
    canScaleIn,
    reasons: [{ ...reason, policy }],
  };
}
