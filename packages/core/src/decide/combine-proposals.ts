import type { Reason } from "../model/decision.ts";
import type { PolicyProposal } from "./context.ts";

export type Direction = "out" | "in" | "hold";

/** Where the policies leave the target before guards, behavior and bounds. */
export interface Combined {
  capacity: number;
  direction: Direction;
  reasons: Reason[];
  /** Proposals carried out (their step keys are recorded). */
  executed: PolicyProposal[];
}

/**
 * Several policies on one target [AWS]: scale out if any policy asks; scale in only if every policy with a
 * say in scale-in agrees; the largest capacity wins either way.
 */
export function combineProposals(proposals: readonly PolicyProposal[], desired: number): Combined {
  const outs = proposals.filter((p) => p.intent === "out");
  if (outs.length > 0) return pickLargest(outs, "out");
  const ins = proposals.filter((p) => p.intent === "in");
  if (ins.length === 0) return { capacity: desired, direction: "hold", reasons: [], executed: [] };
  const blockers = proposals.filter((p) => p.canScaleIn && p.intent !== "in");
  if (blockers.length === 0) return pickLargest(ins, "in");
  const names = blockers.map((p) => p.policy).join(", ");
  const reason: Reason = {
    code: "ScaleInNotUnanimous",
    message: `scale-in needs every policy to agree; ${names} did not`,
  };
  return { capacity: desired, direction: "hold", reasons: [reason], executed: [] };
}

function pickLargest(proposals: readonly PolicyProposal[], direction: "out" | "in"): Combined {
  const capacity = Math.max(...proposals.map((p) => p.capacity));
  const executed = proposals.filter((p) => p.capacity === capacity);
  return { capacity, direction, reasons: [], executed };
}
