// Small text helpers shared by status, explain and activities.
import type { Target } from "@gantry/core";
import type { TargetView } from "./api-client.ts";

/** `2026-01-05 12:00:00Z`: UTC, to the second. */
export function formatTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, "Z");
}

export function formatCounts(view: TargetView): string {
  const c = view.counts;
  return c ? `${c.desiredCount}/${c.runningCount}/${c.pendingCount}` : "-";
}

export function formatBounds(target: Target): string {
  return `${target.minCapacity}–${target.maxCapacity}`;
}

/** `dry-run`, `suspended(in,out,scheduled)`, or `-`. */
export function formatFlags(target: Target): string {
  const s = target.suspendedState;
  const suspended = [
    s.dynamicScalingInSuspended && "in",
    s.dynamicScalingOutSuspended && "out",
    s.scheduledScalingSuspended && "scheduled",
  ].filter(Boolean);
  const flags = [
    target.dryRun && "dry-run",
    target.takeOver && "take-over",
    suspended.length > 0 && `suspended(${suspended.join(",")})`,
  ];
  return flags.filter(Boolean).join(" ") || "-";
}

/** Columns padded to their widest cell. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
