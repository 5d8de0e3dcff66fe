// The `gantry apply` file:
//
//   targets:                      # one entry per ECS service; each is the body of PUT /targets/{cluster}/{service}
//     - target: { id: service/<cluster>/<service>, minCapacity, maxCapacity, dryRun?, suspendedState?, capacity? }
//       policies: [ ... ]         # optional, TargetTracking / StepScaling, names unique per target
//       scheduledActions: [ ... ] # optional, names unique per target
//       behavior: { ... }         # optional
//   dev: { ... }                  # optional: how `gantry dev --config` simulates the targets; apply ignores it
//
// The whole file is validated with the core's TargetConfigSchema before anything is sent: every problem is listed,
// each naming `targets[i].<field>`.
import { listProblems, parseWith, type TargetConfig, TargetConfigSchema } from "@gantry/core";
import { CliError } from "../../cli-error.ts";
import { parseDocument, readText } from "../../read-input.ts";

export interface ApplyEntry {
  /** As written: what is sent (the API applies the same defaults). */
  input: Record<string, unknown>;
  /** With the schema's defaults: what is compared with the API's configs. */
  config: TargetConfig;
}

export async function readApplyFile(path: string): Promise<ApplyEntry[]> {
  const source = path === "-" ? "stdin" : path;
  return checkApplyDocument(parseDocument(await readText(path), source), source);
}

/** Every problem in the document, or the entries. Exit 2 listing them all. */
export function checkApplyDocument(document: unknown, source: string): ApplyEntry[] {
  const problems = documentProblems(document);
  if (problems.length > 0) throw fileProblems(source, problems);
  const targets = (document as { targets: Record<string, unknown>[] }).targets;
  return targets.map((input) => ({ input, config: parseWith(TargetConfigSchema, input) }));
}

/** Exit 2 listing every problem of the file, one a line. */
export function fileProblems(source: string, problems: readonly string[]): CliError {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return new CliError(`${source}: ${count}:\n${problems.map((p) => `  ${p}`).join("\n")}`, 2);
}

function documentProblems(document: unknown): string[] {
  if (!isObject(document)) return ["the file must be a mapping with a `targets` list"];
  const problems = Object.keys(document)
    .filter((key) => key !== "targets" && key !== "dev")
    .map((key) => `${key}: unknown field (the file has only \`targets\` and \`dev\`)`);
  const targets = document.targets;
  if (!Array.isArray(targets)) return [...problems, "targets: must be a list of target configs"];
  const seen = new Map<string, number>();
  targets.forEach((entry, index) => {
    problems.push(...entryProblems(entry, `targets[${index}]`));
    const id = isObject(entry) && isObject(entry.target) ? entry.target.id : undefined;
    if (typeof id !== "string") return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else problems.push(`targets[${index}].target.id: ${id} is already at targets[${first}]`);
  });
  return problems;
}

function entryProblems(entry: unknown, prefix: string): string[] {
  const schemaProblems = listProblems(TargetConfigSchema, entry).map(({ field, message }) =>
    field ? `${prefix}.${message}` : `${prefix}: ${message}`,
  );
  if (schemaProblems.length > 0 || !isObject(entry)) return schemaProblems;
  return [
    ...duplicateNames(entry.policies, `${prefix}.policies`),
    ...duplicateNames(entry.scheduledActions, `${prefix}.scheduledActions`),
  ];
}

/** The API addresses policies and scheduled actions by name, so names must be unique per target. */
function duplicateNames(items: unknown, path: string): string[] {
  if (!Array.isArray(items)) return [];
  const seen = new Set<string>();
  const problems: string[] = [];
  items.forEach((item, index) => {
    const name = isObject(item) ? item.name : undefined;
    if (typeof name !== "string") return;
    if (seen.has(name)) problems.push(`${path}[${index}].name: duplicate name "${name}"`);
    seen.add(name);
  });
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
