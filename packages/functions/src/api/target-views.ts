import type { ServiceSnapshot, TargetRecord } from "@gantry/core";
import type { LiveCounts } from "@gantry/runtime/operator";
import type { TargetView } from "./api-schemas.ts";

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
