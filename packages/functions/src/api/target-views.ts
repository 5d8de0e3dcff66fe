import type { Logger } from "@aws-lambda-powertools/logger";
import type { EcsPort, ServiceSnapshot, TargetRecord } from "@gantry/core";
import type { TargetView } from "./api-schemas.ts";

/** What ECS said about the targets' services, if it was asked. */
export type LiveCounts =
  | { kind: "off" }
  | { kind: "ok"; at: number; services: Map<string, ServiceSnapshot>; missing: Set<string> }
  | { kind: "failed"; code: string };

/**
 * One DescribeServices for all ids (the port batches 10 per call). A failure is not the caller's fault: the
 * views fall back to the stored counts, marked stale, and the failure is logged as a warning.
 */
export async function readLiveCounts(
  ecs: EcsPort | undefined,
  ids: readonly string[],
  at: number,
  logger: Logger,
): Promise<LiveCounts> {
  if (ecs === undefined || ids.length === 0) return { kind: "off" };
  try {
    const { services, missing } = await ecs.describeServices(ids);
    return { kind: "ok", at, services: new Map(services.map((s) => [s.id, s])), missing: new Set(missing) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = typeof code === "string" ? code : "EcsError";
    logger.warn("live counts unavailable, showing stored counts", { reason, error: error as Error });
    return { kind: "failed", code: reason };
  }
}

/** A target as the API shows it: config, version, counts (live when possible) and the last decision. */
export function toTargetView(record: TargetRecord, live: LiveCounts): TargetView {
  const id = record.config.target.id;
  const service = live.kind === "ok" ? live.services.get(id) : undefined;
  return {
    id,
    version: record.version,
    updatedAt: record.updatedAt,
    config: record.config,
    counts: service && live.kind === "ok" ? ecsCounts(service, live.at) : storedCounts(record),
    lastDecision: record.lastDecision ?? null,
    stale: live.kind === "failed" || (live.kind === "ok" && service === undefined),
  };
}

function ecsCounts(service: ServiceSnapshot, at: number): TargetView["counts"] {
  const { desiredCount, runningCount, pendingCount } = service;
  return { desiredCount, runningCount, pendingCount, source: "ecs", at };
}

function storedCounts(record: TargetRecord): TargetView["counts"] {
  const decision = record.lastDecision;
  return decision ? { ...decision.observed, source: "lastDecision", at: decision.at } : null;
}

/** `ETag: "<version>"`, which `If-Match` sends back. */
export function etagHeader(version: number): Record<string, string> {
  return { etag: `"${version}"` };
}
