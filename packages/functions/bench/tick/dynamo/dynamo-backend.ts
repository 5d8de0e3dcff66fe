// DynamoDB's JSON API over in-memory tables: the operations the state store may send, their errors as
// DynamoDB words them, and the request units each consumed.
import { AwsError, type ServiceHandler } from "../backend/aws-error.ts";
import type { Usage } from "../backend/usage.ts";
import {
  batchGetItem,
  batchWriteItem,
  TransactionCanceled,
  transactGetItems,
  transactWriteItems,
} from "./batch-operations.ts";
import { ValidationException } from "./evaluate.ts";
import {
  ConditionalCheckFailed,
  deleteItem,
  getItem,
  type ItemRequest,
  putItem,
  type Units,
  updateItem,
} from "./item-operations.ts";
import { type KeySchema, MemoryTable } from "./memory-table.ts";
import { type QueryRequest, query, scan } from "./query-operation.ts";

const PREFIX = "com.amazonaws.dynamodb.v20120810#";

type Operation = (
  tables: (name: string | undefined) => MemoryTable,
  input: never,
) => { output: unknown; units: Units };

const OPERATIONS: Record<string, Operation> = {
  GetItem: (t, i: ItemRequest & { TableName: string }) => getItem(t(i.TableName), i),
  PutItem: (t, i: ItemRequest & { TableName: string }) => putItem(t(i.TableName), i),
  UpdateItem: (t, i: ItemRequest & { TableName: string }) => updateItem(t(i.TableName), i),
  DeleteItem: (t, i: ItemRequest & { TableName: string }) => deleteItem(t(i.TableName), i),
  Query: (t, i: QueryRequest & { TableName: string }) => query(t(i.TableName), i),
  Scan: (t, i: QueryRequest & { TableName: string }) => scan(t(i.TableName), i),
  BatchGetItem: batchGetItem,
  BatchWriteItem: batchWriteItem,
  TransactWriteItems: transactWriteItems,
  TransactGetItems: transactGetItems,
};

export interface DynamoBackend {
  handler: ServiceHandler;
  createTable(name: string, keys: KeySchema): MemoryTable;
}

export function dynamoBackend(usage: Usage): DynamoBackend {
  const tables = new Map<string, MemoryTable>();
  const table = (name: string | undefined) => {
    const found = tables.get(name ?? "");
    if (!found) throw new AwsError(`${PREFIX}ResourceNotFoundException`, "Requested resource not found");
    return found;
  };
  const handler: ServiceHandler = (operation, input) => {
    const run = OPERATIONS[operation];
    if (!run)
      throw new AwsError(
        `${PREFIX}UnknownOperationException`,
        `the bench does not emulate dynamodb:${operation}`,
      );
    try {
      const { output, units } = run(table, input as never);
      usage.readUnits += units.readUnits;
      usage.writeUnits += units.writeUnits;
      return output;
    } catch (error) {
      throw asAwsError(error, usage);
    }
  };
  const createTable = (name: string, keys: KeySchema) => {
    const created = new MemoryTable(name, keys);
    tables.set(name, created);
    return created;
  };
  return { handler, createTable };
}

function asAwsError(error: unknown, usage: Usage): unknown {
  if (error instanceof ConditionalCheckFailed) {
    usage.writeUnits += error.units;
    return new AwsError(
      `${PREFIX}ConditionalCheckFailedException`,
      error.message,
      error.item ? { Item: error.item } : {},
    );
  }
  if (error instanceof TransactionCanceled) {
    return new AwsError(`${PREFIX}TransactionCanceledException`, error.message, {
      CancellationReasons: error.reasons,
    });
  }
  if (error instanceof ValidationException || error instanceof SyntaxError) {
    return new AwsError("com.amazon.coral.validate#ValidationException", error.message);
  }
  return error;
}
