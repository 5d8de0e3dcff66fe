// What `gantry apply` would do: pure, so that the plan can be shown, tested, and then carried out as shown.
import { parseWith, type TargetConfig, TargetConfigSchema } from "@gantry/core";

/** One changed leaf: `policies.backlog.targetValue`, or a whole named item (`policies.cpu`) added or removed. */
export interface FieldChange {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

export type TargetDiff =
  | { kind: "add"; id: string }
  | { kind: "change"; id: string; version: number; changes: FieldChange[] }
  | { kind: "same"; id: string; version: number }
  /** In the API, not in the file: deleted with --prune, else kept. */
  | { kind: "remove"; id: string; version: number }
  | { kind: "keep"; id: string; version: number };

export interface CurrentTarget {
  id: string;
  version: number;
  config: TargetConfig;
}

/** The file's targets (in file order), then those only in the API (by id). */
export function diffTargets(
  desired: readonly TargetConfig[],
  current: readonly CurrentTarget[],
  options: { prune: boolean },
): TargetDiff[] {
  const byId = new Map(current.map((c) => [c.id, c]));
  const wanted = new Set(desired.map((d) => d.target.id));
  const diffs: TargetDiff[] = desired.map((config) => {
    const id = config.target.id;
    const existing = byId.get(id);
    if (!existing) return { kind: "add", id };
    const changes = diffConfigs(normalise(existing.config), config);
    const version = existing.version;
    return changes.length === 0 ? { kind: "same", id, version } : { kind: "change", id, version, changes };
  });
  const extra = current.filter((c) => !wanted.has(c.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const { id, version } of extra) diffs.push({ kind: options.prune ? "remove" : "keep", id, version });
  return diffs;
}

/** The API's config through the same schema as the file's, so that defaults compare equal. */
function normalise(config: TargetConfig): TargetConfig {
  try {
    return parseWith(TargetConfigSchema, config);
  } catch {
    return config;
  }
}

export function diffConfigs(before: TargetConfig, after: TargetConfig): FieldChange[] {
  const changes: FieldChange[] = [];
  diffValues("", before, after, changes);
  return changes;
}

function diffValues(path: string, before: unknown, after: unknown, out: FieldChange[]): void {
  if (sameValue(before, after)) return;
  if (before === undefined) out.push({ path, kind: "added", after });
  else if (after === undefined) out.push({ path, kind: "removed", before });
  else if (isObject(before) && isObject(after)) diffObjects(path, before, after, out);
  else if (isNamedList(before) && isNamedList(after)) diffNamedLists(path, before, after, out);
  else out.push({ path, kind: "changed", before, after });
}

function diffObjects(
  path: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  out: FieldChange[],
): void {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const key of keys) diffValues(join(path, key), before[key], after[key], out);
}

/** Policies and scheduled actions are addressed by name, not by position. */
function diffNamedLists(path: string, before: Named[], after: Named[], out: FieldChange[]): void {
  const old = new Map(before.map((item) => [item.name, item]));
  const names = new Set(after.map((item) => item.name));
  for (const item of before) {
    if (!names.has(item.name)) out.push({ path: join(path, item.name), kind: "removed", before: item });
  }
  for (const item of after) diffValues(join(path, item.name), old.get(item.name), item, out);
}

type Named = Record<string, unknown> & { name: string };

function isNamedList(value: unknown): value is Named[] {
  return Array.isArray(value) && value.every((item) => isObject(item) && typeof item.name === "string");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Deep equality of JSON values, whatever the key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
    );
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a).filter((k) => a[k] !== undefined);
  if (keys.length !== Object.keys(b).filter((k) => b[k] !== undefined).length) return false;
  return keys.every((k) => sameValue(a[k], b[k]));
}
