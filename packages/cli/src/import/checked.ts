import { listProblems } from "@gantry/core";
import { type Mapping, notCarried } from "./import-finding.ts";

/**
 * The mapping checked with Gantry's own schema: a value Gantry would refuse (a period over an hour, a target of 0)
 * is reported with the schema's words and left out, so the file always passes `gantry apply`.
 */
export function checked<T>(
  schema: Parameters<typeof listProblems>[0],
  resource: string,
  mapping: Mapping<T>,
): Mapping<T> {
  const problems = mapping.value === undefined ? [] : listProblems(schema, mapping.value);
  if (problems.length === 0) return mapping;
  const why = `Gantry refuses it: ${problems.map((p) => p.message).join("; ")}`;
  return { findings: [...mapping.findings, notCarried(resource, { setting: "the whole of it", why })] };
}
