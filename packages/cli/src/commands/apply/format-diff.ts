// The plan as a unified-style summary:
//   + service/prod/api: new target (2 policies, 1 scheduled action)
//   ~ service/prod/worker: policies.backlog.targetValue 10 → 12
//   ~ service/prod/worker: + policies.cpu
//   - service/prod/old: delete (--prune)
//   ! service/prod/legacy: not in the file, kept (pass --prune to delete it)
//   Plan: 1 to add, 1 to change, 1 to delete, 0 unchanged.
import type { TargetConfig } from "@gantry/core";
import type { FieldChange, TargetDiff } from "./diff-targets.ts";

export function formatDiff(diffs: readonly TargetDiff[], configs: ReadonlyMap<string, TargetConfig>): string {
  const lines = diffs.flatMap((diff) => diffLines(diff, configs.get(diff.id)));
  return [...lines, summary(diffs)].join("\n");
}

function diffLines(diff: TargetDiff, config: TargetConfig | undefined): string[] {
  switch (diff.kind) {
    case "add":
      return [`+ ${diff.id}: new target (${contents(config)})`];
    case "change":
      return diff.changes.map((change) => `~ ${diff.id}: ${formatChange(change)}`);
    case "remove":
      return [`- ${diff.id}: delete (--prune)`];
    case "keep":
      return [`! ${diff.id}: not in the file, kept (pass --prune to delete it)`];
    case "same":
      return [];
  }
}

function contents(config: TargetConfig | undefined): string {
  const policies = config?.policies.length ?? 0;
  const actions = config?.scheduledActions.length ?? 0;
  const bounds = config ? `${config.target.minCapacity}–${config.target.maxCapacity} tasks, ` : "";
  return `${bounds}${plural(policies, "policy", "policies")}, ${plural(actions, "scheduled action", "scheduled actions")}`;
}

export function formatChange(change: FieldChange): string {
  if (change.kind === "added") return `+ ${change.path} ${show(change.after)}`;
  if (change.kind === "removed") return `- ${change.path}`;
  return `${change.path} ${show(change.before)} → ${show(change.after)}`;
}

/** Scalars as they are, objects as compact JSON (cut short: the file has the details). */
function show(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function summary(diffs: readonly TargetDiff[]): string {
  const count = (kind: TargetDiff["kind"]) => diffs.filter((d) => d.kind === kind).length;
  const kept = count("keep");
  const keptNote = kept > 0 ? `, ${kept} not in the file (kept)` : "";
  return `Plan: ${count("add")} to add, ${count("change")} to change, ${count("remove")} to delete, ${count("same")} unchanged${keptNote}.`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
