import type { EcsPort, ServiceSnapshot } from "@gantry/core";

/** What ECS said about the targets' services, if it was asked. */
export type LiveCounts =
  | { kind: "off" }
  | { kind: "ok"; at: number; services: Map<string, ServiceSnapshot>; missing: Set<string> }
  | { kind: "failed"; code: string };

/**
 * One DescribeServices for all ids (the port batches 10 per call). A failure is not the caller's fault: views
 * fall back to the stored counts, marked stale, and the failure is logged as a warning.
 */
export async function readLiveCounts(
  ecs: EcsPort | undefined,
  ids: readonly string[],
  at: number,
  logger: { warn(message: string, fields: Record<string, unknown>): void },
): Promise<LiveCounts> {
  if (ecs === undefined || ids.length === 0) return { kind: "off" };
  try {
    const { services, missing } = await ecs.describeServices(ids);
    return { kind: "ok", at, services: new Map(services.map((s) => [s.id, s])), missing: new Set(missing) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = typeof code === "string" ? code : "EcsError";
    logger.warn("live counts unavailable, showing stored counts", { reason, error });
    return { kind: "failed", code: reason };
  }
}
