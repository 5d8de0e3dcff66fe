import { checkMathExpression, rewriteMathWords, ValidationError } from "@gantry/core";

/**
 * Metric math ids are scoped to one GetMetricData request, and Gantry puts every target's queries in one
 * request, so each policy's ids are renamed to unique ones. This rewrites an expression to match: its ids are
 * renamed; quoted strings, numbers and functions are left alone. `METRICS()` would read every query of every
 * target, so it becomes the explicit array of this policy's inputs (`METRICS('x')` the inputs whose original id
 * contains x). Any other word could name another target's query, so it is refused (the config schema refuses it
 * first; this holds even for a config that bypassed it).
 */
export function rewriteMathExpression(expression: string, ids: ReadonlyMap<string, string>): string {
  const problem = checkMathExpression(expression, [...ids.keys()]);
  if (problem) throw new ValidationError(problem, "metric.math.expression");
  return rewriteMathWords(expression, {
    id: (word) => ids.get(word) as string,
    metrics: (filter) => metricsArray(ids, filter),
  });
}

function metricsArray(ids: ReadonlyMap<string, string>, filter: string): string {
  const selected = [...ids].filter(([original]) => original.includes(filter)).map(([, renamed]) => renamed);
  return `[${selected.join(", ")}]`;
}
