import type { InstanceState } from "./cluster-model.ts";
import { isUsable, isUserProtected } from "./instance-status.ts";

export interface Protection {
  protect: string[];
  unprotect: string[];
  protectedByGantry: string[];
}

/**
 * Busy instances stay protected from scale-in so that only Gantry, after a drain, removes them (ECS's managed
 * termination protection does the same). Protection Gantry set is lifted when an instance falls idle or is
 * drained; protection a user set is left alone.
 */
export function planProtection(
  instances: readonly InstanceState[],
  drain: readonly string[],
  protectedByGantry: ReadonlySet<string>,
): Protection {
  const drained = new Set(drain);
  const busy = instances.filter((i) => isUsable(i) && i.tasks.length > 0 && !drained.has(i.id));
  const protect = busy.map((i) => i.id);
  const keep = new Set(protect);
  return {
    protect,
    unprotect: instances
      .filter((i) => i.lifecycle !== "Terminating" && i.protectedFromScaleIn && protectedByGantry.has(i.id))
      .filter((i) => !keep.has(i.id))
      .map((i) => i.id),
    protectedByGantry: busy.filter((i) => !isUserProtected(i, protectedByGantry)).map((i) => i.id),
  };
}
