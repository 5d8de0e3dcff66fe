import type { z } from "zod";

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** `policies[0].metric.sqs.queueUrl` from zod's path array. */
export function formatPath(path: Path): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** The most specific issue: inside a union, the branch that got deepest is the one the user meant. */
export function deepestIssue(issue: Issue, prefix: Path = []): { path: Path; issue: Issue } {
  const path = [...prefix, ...issue.path];
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return { path, issue };
  let best: { path: Path; issue: Issue } | undefined;
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const candidate = deepestIssue(inner, path);
      if (!best || candidate.path.length > best.path.length) best = candidate;
    }
  }
  return best && best.path.length > path.length ? best : { path, issue };
}

/** One readable line per issue; unknown keys name the key itself. */
export function describeIssue(raw: Issue): { field: string; message: string } {
  const { path, issue } = deepestIssue(raw);
  if (issue.code === "unrecognized_keys") {
    const field = formatPath([...path, issue.keys[0] ?? ""]);
    return {
      field,
      message: `${field}: unknown field (check the spelling; allowed fields are in the schema)`,
    };
  }
  if (issue.code === "invalid_union" && path.length > 0) {
    const field = formatPath(path);
    return { field, message: `${field}: does not match any allowed form (see gantry evaluate --schema)` };
  }
  const field = formatPath(path);
  const message = issue.message.replace(/^Invalid input: /, "");
  return { field, message: field ? `${field}: ${message}` : message };
}
