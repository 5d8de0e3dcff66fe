import type { Combined } from "./combine-proposals.ts";
import type { DecisionContext, PolicyProposal } from "./context.ts";

/**
 * KEDA-style fallback: when no policy has had usable data for `afterSeconds`, hold at least `capacity`.
 * It only ever raises capacity: missing data is never a reason to scale in.
 */
export function applyFallback(
  combined: Combined,
  proposals: readonly PolicyProposal[],
  ctx: DecisionContext,
): { combined: Combined; noDataSince: number | undefined } {
  const blind = proposals.length > 0 && proposals.every((p) => p.intent === "noData");
  const noDataSince = blind ? (ctx.previous?.noDataSince ?? ctx.now) : undefined;
  const fallback = ctx.behavior?.fallback;
  if (!fallback || noDataSince === undefined) return { combined, noDataSince };
  const blindFor = ctx.now - noDataSince;
  if (blindFor < fallback.afterSeconds * 1000 || combined.capacity >= fallback.capacity) {
    return { combined, noDataSince };
  }
  const reason = {
    code: "FallbackCapacity" as const,
    message: `no metric data for ${Math.floor(blindFor / 1000)} s: holding at least ${fallback.capacity}`,
  };
  return {
    combined: {
      capacity: fallback.capacity,
      direction: "out",
      reasons: [...combined.reasons, reason],
      executed: [],
    },
    noDataSince,
  };
}
