// Query and Scan on a MemoryTable: pages stop at Limit items read or 1 MB, as DynamoDB's do, and a page's read
// units are its items' total size per 4 KB.
import { type AttributeValue, type Item, itemSize } from "./attribute-values.ts";
import { attributeName, evaluateCondition, type Placeholders, ValidationException } from "./evaluate.ts";
import type { Condition } from "./expression-ast.ts";
import { type ItemRequest, project, readUnits, scopeOf, type Units } from "./item-operations.ts";
import type { MemoryTable } from "./memory-table.ts";
import { parseCondition } from "./parse-expression.ts";

export const PAGE_BYTES = 1024 * 1024;

export interface QueryRequest extends ItemRequest {
  IndexName?: string;
  KeyConditionExpression?: string;
  FilterExpression?: string;
  ScanIndexForward?: boolean;
  Limit?: number;
  ExclusiveStartKey?: Item;
  Select?: string;
}

interface QueryOutput {
  Items?: Item[];
  Count: number;
  ScannedCount: number;
  LastEvaluatedKey?: Item;
}

export function query(table: MemoryTable, request: QueryRequest): { output: QueryOutput; units: Units } {
  if (request.IndexName !== undefined) throw new ValidationException("the bench table has no indexes");
  if (request.KeyConditionExpression === undefined)
    throw new ValidationException("KeyConditionExpression is required");
  const scope = scopeOf(request);
  const keyCondition = parseCondition(request.KeyConditionExpression);
  const hash = hashValue(keyCondition, table.keys.hash, scope);
  const items = table.partition(hash, request.ScanIndexForward !== false, request.ExclusiveStartKey);
  return readPage(table, items, request, (item) => evaluateCondition(item, keyCondition, scope));
}

export function scan(table: MemoryTable, request: QueryRequest): { output: QueryOutput; units: Units } {
  const all = [...table.all()];
  const start = request.ExclusiveStartKey;
  const from = start ? all.findIndex((item) => sameKey(table, item, start)) + 1 : 0;
  return readPage(table, all.slice(from), request, () => true);
}

function readPage(
  table: MemoryTable,
  items: Iterable<Item>,
  request: QueryRequest,
  inKey: (item: Item) => boolean,
): { output: QueryOutput; units: Units } {
  const scope = scopeOf(request);
  const filter =
    request.FilterExpression === undefined ? undefined : parseCondition(request.FilterExpression);
  const limit = request.Limit ?? Number.POSITIVE_INFINITY;
  const output: QueryOutput = { Count: 0, ScannedCount: 0 };
  const found: Item[] = [];
  let bytes = 0;
  let last: Item | undefined;
  let more = false;
  for (const item of items) {
    if (!inKey(item)) continue;
    if (output.ScannedCount >= limit || bytes >= PAGE_BYTES) {
      more = true;
      break;
    }
    output.ScannedCount += 1;
    bytes += itemSize(item);
    last = item;
    if (filter === undefined || evaluateCondition(item, filter, scope)) found.push(item);
  }
  output.Count = found.length;
  if (request.Select !== "COUNT")
    output.Items = found.map((item) => project(item, request.ProjectionExpression, scope));
  if (more && last) output.LastEvaluatedKey = table.primaryKey(last);
  return { output, units: { readUnits: readUnits(bytes, request.ConsistentRead === true), writeUnits: 0 } };
}

/** The `hash = :value` term a key condition must have. */
function hashValue(condition: Condition, hashKey: string, scope: Placeholders): AttributeValue {
  const terms = (c: Condition): Condition[] =>
    c.kind === "and" ? [...terms(c.left), ...terms(c.right)] : [c];
  for (const term of terms(condition)) {
    if (term.kind !== "compare" || term.op !== "=") continue;
    const { left, right } = term;
    const first = left.kind === "path" ? left.path[0] : undefined;
    if (
      left.kind === "path" &&
      left.path.length === 1 &&
      first &&
      "key" in first &&
      attributeName(first.key, scope) === hashKey &&
      right.kind === "value"
    ) {
      const value = scope.values?.[right.placeholder];
      if (value) return value;
    }
  }
  throw new ValidationException("Query condition missed key schema element");
}

function sameKey(table: MemoryTable, item: Item, key: Item): boolean {
  return JSON.stringify(table.primaryKey(item)) === JSON.stringify(table.primaryKey(key));
}
