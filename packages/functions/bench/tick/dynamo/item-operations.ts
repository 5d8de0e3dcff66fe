// GetItem, PutItem, UpdateItem and DeleteItem on a MemoryTable, with conditions, ReturnValues and the request
// units DynamoDB on-demand bills (reads per 4 KB, halved when eventually consistent; writes per 1 KB of the
// larger of the old and new item, a failed condition included).

import { applyUpdate } from "./apply-update.ts";
import { type AttributeValue, type Item, itemSize } from "./attribute-values.ts";
import { evaluateCondition, type Placeholders, resolvePath } from "./evaluate.ts";
import type { MemoryTable } from "./memory-table.ts";
import { parseCondition, parseProjection, parseUpdate } from "./parse-expression.ts";

export interface Units {
  readUnits: number;
  writeUnits: number;
}

export interface ItemRequest {
  Key?: Item;
  Item?: Item;
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ConditionExpression?: string;
  UpdateExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
  ReturnValues?: string;
  ReturnValuesOnConditionCheckFailure?: string;
}

export class ConditionalCheckFailed extends Error {
  override readonly name = "ConditionalCheckFailedException";
  /** The write units the failed write still consumed. */
  units = 1;
  readonly item: Item | undefined;

  constructor(item: Item | undefined) {
    super("The conditional request failed");
    this.item = item;
  }
}

export const readUnits = (bytes: number, consistent: boolean) =>
  Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);
export const writeUnits = (before: Item | undefined, after: Item | undefined) =>
  Math.max(1, Math.ceil(Math.max(itemSize(before), itemSize(after)) / 1024));

export function scopeOf(request: ItemRequest): Placeholders {
  return { names: request.ExpressionAttributeNames, values: request.ExpressionAttributeValues };
}

export function project(item: Item, expression: string | undefined, scope: Placeholders): Item {
  if (expression === undefined) return item;
  const out: Item = {};
  for (const path of parseProjection(expression)) {
    const value = resolvePath(item, path, scope);
    const first = path[0];
    if (value !== undefined && first && "key" in first)
      out[first.key.startsWith("#") ? (scope.names?.[first.key] ?? first.key) : first.key] = value;
  }
  return out;
}

export function getItem(table: MemoryTable, request: ItemRequest): { output: { Item?: Item }; units: Units } {
  const item = table.get(request.Key ?? {});
  const units = { readUnits: readUnits(itemSize(item), request.ConsistentRead === true), writeUnits: 0 };
  if (item === undefined) return { output: {}, units };
  return { output: { Item: project(item, request.ProjectionExpression, scopeOf(request)) }, units };
}

/** Throws ConditionalCheckFailed (with the old item when asked) unless the condition holds on `before`. */
export function checkCondition(before: Item | undefined, request: ItemRequest): void {
  if (request.ConditionExpression === undefined) return;
  if (evaluateCondition(before, parseCondition(request.ConditionExpression), scopeOf(request))) return;
  const wantsItem = request.ReturnValuesOnConditionCheckFailure === "ALL_OLD";
  throw new ConditionalCheckFailed(wantsItem ? before : undefined);
}

export function putItem(
  table: MemoryTable,
  request: ItemRequest,
): { output: { Attributes?: Item }; units: Units } {
  const item = request.Item ?? {};
  const before = table.get(item);
  checkWrite(before, item, request);
  table.put(item);
  const output = request.ReturnValues === "ALL_OLD" && before ? { Attributes: before } : {};
  return { output, units: { readUnits: 0, writeUnits: writeUnits(before, item) } };
}

export function updateItem(
  table: MemoryTable,
  request: ItemRequest,
): { output: { Attributes?: Item }; units: Units } {
  const key = request.Key ?? {};
  const before = table.get(key);
  const base = before ?? { ...key };
  const { item, touched } = request.UpdateExpression
    ? applyUpdate(base, parseUpdate(request.UpdateExpression), scopeOf(request))
    : { item: base, touched: new Set<string>() };
  checkWrite(before, item, request);
  table.put(item);
  return {
    output: returnValues(request.ReturnValues, before, item, touched),
    units: { readUnits: 0, writeUnits: writeUnits(before, item) },
  };
}

export function deleteItem(
  table: MemoryTable,
  request: ItemRequest,
): { output: { Attributes?: Item }; units: Units } {
  const before = table.get(request.Key ?? {});
  checkWrite(before, undefined, request);
  if (before) table.delete(request.Key ?? {});
  const output = request.ReturnValues === "ALL_OLD" && before ? { Attributes: before } : {};
  return { output, units: { readUnits: 0, writeUnits: writeUnits(before, undefined) } };
}

/** A failed condition still consumes the write units; they travel on the error. */
function checkWrite(before: Item | undefined, after: Item | undefined, request: ItemRequest): void {
  try {
    checkCondition(before, request);
  } catch (error) {
    if (error instanceof ConditionalCheckFailed) error.units = writeUnits(before, after);
    throw error;
  }
}

function returnValues(
  mode: string | undefined,
  before: Item | undefined,
  after: Item,
  touched: Set<string>,
): { Attributes?: Item } {
  const pick = (item: Item | undefined) => {
    const out: Item = {};
    for (const name of touched) if (item?.[name] !== undefined) out[name] = item[name];
    return out;
  };
  if (mode === "ALL_NEW") return { Attributes: after };
  if (mode === "ALL_OLD") return before ? { Attributes: before } : {};
  if (mode === "UPDATED_NEW") return { Attributes: pick(after) };
  if (mode === "UPDATED_OLD") return { Attributes: pick(before) };
  return {};
}
