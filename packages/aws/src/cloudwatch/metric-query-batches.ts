import { type MetricQuery, ValidationError } from "@gantry/core";

/** GetMetricData accepts at most 500 MetricDataQueries per call [AWS]. */
export const GET_METRIC_DATA_LIMIT = 500;

/**
 * Split queries into GetMetricData batches of at most `limit`, keeping every math expression in the same batch
 * as the queries it reads (CloudWatch resolves ids only within one call). `METRICS()` reads every query, so an
 * expression using it keeps the whole request together.
 */
export function batchMetricQueries(
  queries: readonly MetricQuery[],
  limit = GET_METRIC_DATA_LIMIT,
): MetricQuery[][] {
  const batches: MetricQuery[][] = [];
  let current: MetricQuery[] = [];
  for (const group of dependencyGroups(queries)) {
    if (group.length > limit) {
      throw new ValidationError(
        `metric query "${group[0]?.id}" depends on ${group.length} queries; one GetMetricData call takes ${limit}`,
        group[0]?.id,
      );
    }
    if (current.length + group.length > limit) {
      batches.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Queries joined by expression references (union-find), each group in input order. */
function dependencyGroups(queries: readonly MetricQuery[]): MetricQuery[][] {
  const parent = queries.map((_, index) => index);
  const root = (index: number): number => {
    while (parent[index] !== index) index = parent[index] as number;
    return index;
  };
  const join = (a: number, b: number): void => {
    parent[root(a)] = root(b);
  };
  const indexById = new Map(queries.map((query, index) => [query.id, index]));
  queries.forEach((query, index) => {
    for (const other of referencedIndexes(query, indexById, queries.length)) join(index, other);
  });
  const groups = new Map<number, MetricQuery[]>();
  queries.forEach((query, index) => {
    const key = root(index);
    groups.set(key, [...(groups.get(key) ?? []), query]);
  });
  return [...groups.values()];
}

function referencedIndexes(query: MetricQuery, indexById: Map<string, number>, count: number): number[] {
  if (query.expression === undefined) return [];
  if (/\bMETRICS\s*\(/.test(query.expression)) return Array.from({ length: count }, (_, index) => index);
  // Ids start with a lower-case letter [AWS]; a word that only looks like an id merely joins more queries.
  const words = query.expression.match(/\b[a-z][A-Za-z0-9_]*\b/g) ?? [];
  return words.flatMap((word) => indexById.get(word) ?? []);
}
