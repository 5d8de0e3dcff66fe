import {
  CorruptItemError,
  NotFoundError,
  type StateStore,
  type TargetProblem,
  type TargetRecord,
} from "@gantry/core";
import { errorInfo } from "./error-info.ts";
import type { TargetOutcome } from "./reconciler-types.ts";
import type { TargetResult } from "./target-run.ts";

export interface LoadedTargets {
  records: TargetRecord[];
  failed: TargetResult[];
  /** The corrupt items met: left out of a full pass, failed (CorruptItem) in a named one. */
  problems: TargetProblem[];
}

/** Every target, or the named ones (the alarm handler); a named target that cannot be read fails alone. */
export async function loadTargets(
  store: StateStore,
  targetIds: readonly string[] | undefined,
): Promise<LoadedTargets> {
  if (targetIds === undefined) return { ...(await store.listTargets()), failed: [] };
  const loaded: LoadedTargets = { records: [], failed: [], problems: [] };
  for (const targetId of new Set(targetIds)) {
    try {
      const record = await store.getTarget(targetId);
      if (!record) throw new NotFoundError(`no target ${targetId}`, "targetId");
      loaded.records.push(record);
    } catch (error) {
      loaded.failed.push({ outcome: unreadTarget(targetId, error), activities: [] });
      if (error instanceof CorruptItemError) loaded.problems.push({ targetId, message: error.message });
    }
  }
  return loaded;
}

function unreadTarget(targetId: string, error: unknown): TargetOutcome {
  return {
    targetId,
    status: "Failed",
    action: "None",
    fromCapacity: 0,
    toCapacity: 0,
    error: errorInfo(error),
  };
}
