// BatchGetItem, BatchWriteItem, TransactWriteItems and TransactGetItems, with DynamoDB's per-call limits
// (100 keys, 25 writes, 100 actions) and transactions billed at twice the units.
import type { Item } from "./attribute-values.ts";
import { ValidationException } from "./evaluate.ts";
import {
  ConditionalCheckFailed,
  checkCondition,
  deleteItem,
  getItem,
  type ItemRequest,
  putItem,
  type Units,
  updateItem,
} from "./item-operations.ts";
import type { MemoryTable } from "./memory-table.ts";

export const BATCH_GET_LIMIT = 100;
export const BATCH_WRITE_LIMIT = 25;
export const TRANSACT_LIMIT = 100;

type Tables = (name: string | undefined) => MemoryTable;
type Output = { output: Record<string, unknown>; units: Units };

interface KeysAndAttributes extends ItemRequest {
  Keys: Item[];
}

function checkLimit(count: number, limit: number, what: string): void {
  if (count > limit)
    throw new ValidationException(`Too many items requested for the ${what} call: ${count} > ${limit}`);
}

const add = (a: Units, b: Units): Units => ({
  readUnits: a.readUnits + b.readUnits,
  writeUnits: a.writeUnits + b.writeUnits,
});
const NONE: Units = { readUnits: 0, writeUnits: 0 };

export function batchGetItem(
  tables: Tables,
  request: { RequestItems: Record<string, KeysAndAttributes> },
): Output {
  const entries = Object.entries(request.RequestItems ?? {});
  checkLimit(
    entries.reduce((n, [, r]) => n + r.Keys.length, 0),
    BATCH_GET_LIMIT,
    "BatchGetItem",
  );
  const responses: Record<string, Item[]> = {};
  let units = NONE;
  for (const [name, spec] of entries) {
    responses[name] = [];
    for (const key of spec.Keys) {
      const result = getItem(tables(name), { ...spec, Key: key });
      units = add(units, result.units);
      if (result.output.Item) responses[name].push(result.output.Item);
    }
  }
  return { output: { Responses: responses, UnprocessedKeys: {} }, units };
}

type WriteRequest = { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } };

export function batchWriteItem(
  tables: Tables,
  request: { RequestItems: Record<string, WriteRequest[]> },
): Output {
  const entries = Object.entries(request.RequestItems ?? {});
  checkLimit(
    entries.reduce((n, [, r]) => n + r.length, 0),
    BATCH_WRITE_LIMIT,
    "BatchWriteItem",
  );
  let units = NONE;
  for (const [name, writes] of entries) {
    for (const write of writes) {
      const table = tables(name);
      const result = write.PutRequest
        ? putItem(table, { Item: write.PutRequest.Item })
        : deleteItem(table, { Key: write.DeleteRequest?.Key });
      units = add(units, result.units);
    }
  }
  return { output: { UnprocessedItems: {} }, units };
}

type TransactItem = Partial<
  Record<"Put" | "Update" | "Delete" | "ConditionCheck", ItemRequest & { TableName: string }>
>;

export class TransactionCanceled extends Error {
  override readonly name = "TransactionCanceledException";
  readonly reasons: { Code: string; Message?: string; Item?: Item }[];

  constructor(reasons: { Code: string; Message?: string; Item?: Item }[]) {
    super(
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(", ")}]`,
    );
    this.reasons = reasons;
  }
}

/** All conditions are checked before anything is written: all or nothing. */
export function transactWriteItems(tables: Tables, request: { TransactItems: TransactItem[] }): Output {
  const actions = request.TransactItems ?? [];
  checkLimit(actions.length, TRANSACT_LIMIT, "TransactWriteItems");
  const reasons = actions.map((action) => {
    const [, spec] = Object.entries(action)[0] ?? [];
    if (!spec) return { Code: "ValidationError" };
    const table = tables(spec.TableName);
    try {
      checkCondition(table.get(spec.Key ?? spec.Item ?? {}), spec);
      return { Code: "None" };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailed)) throw error;
      return {
        Code: "ConditionalCheckFailed",
        Message: error.message,
        ...(error.item && { Item: error.item }),
      };
    }
  });
  if (reasons.some((r) => r.Code !== "None")) throw new TransactionCanceled(reasons);
  let units = NONE;
  for (const action of actions) {
    const [kind, spec] = Object.entries(action)[0] as [string, ItemRequest & { TableName: string }];
    const table = tables(spec.TableName);
    const written =
      kind === "Put"
        ? putItem(table, spec)
        : kind === "Update"
          ? updateItem(table, spec)
          : kind === "Delete"
            ? deleteItem(table, spec)
            : { units: { readUnits: 0, writeUnits: 1 } };
    units = add(units, { readUnits: 0, writeUnits: 2 * written.units.writeUnits });
  }
  return { output: {}, units };
}

export function transactGetItems(
  tables: Tables,
  request: { TransactItems: { Get: ItemRequest & { TableName: string } }[] },
): Output {
  const actions = request.TransactItems ?? [];
  checkLimit(actions.length, TRANSACT_LIMIT, "TransactGetItems");
  let units = NONE;
  const responses = actions.map(({ Get }) => {
    const result = getItem(tables(Get.TableName), { ...Get, ConsistentRead: true });
    units = add(units, { readUnits: 2 * result.units.readUnits, writeUnits: 0 });
    return result.output.Item ? { Item: result.output.Item } : {};
  });
  return { output: { Responses: responses }, units };
}
