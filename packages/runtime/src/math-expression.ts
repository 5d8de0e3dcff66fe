/**
 * Metric math ids are scoped to one GetMetricData request, and Gantry puts every target's queries in one
 * request, so each policy's ids are renamed to unique ones. This rewrites an expression to match: identifiers
 * (lower-case first letter [AWS]) that name an input are renamed; quoted strings are left alone. `METRICS()`
 * would read every query of every target, so it becomes the explicit array of this policy's inputs
 * (`METRICS('x')` the inputs whose original id contains x).
 */
export function rewriteMathExpression(expression: string, ids: ReadonlyMap<string, string>): string {
  const token = /\bMETRICS\s*\(\s*(?:'([^']*)'|"([^"]*)")?\s*\)|'[^']*'|"[^"]*"|\b[a-z][A-Za-z0-9_]*\b/g;
  return expression.replace(token, (match: string, single?: string, double?: string) => {
    if (match.startsWith("METRICS")) return metricsArray(ids, single ?? double ?? "") ?? match;
    return ids.get(match) ?? match;
  });
}

function metricsArray(ids: ReadonlyMap<string, string>, filter: string): string | undefined {
  const selected = [...ids].filter(([original]) => original.includes(filter)).map(([, renamed]) => renamed);
  return selected.length === 0 ? undefined : `[${selected.join(", ")}]`;
}
