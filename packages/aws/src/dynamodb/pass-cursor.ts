import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { withDomainErrors } from "./dynamo-errors.ts";
import type { StoreContext } from "./store-context.ts";
import { passCursorKey } from "./table-keys.ts";

/** The first target the last full pass skipped (runtime's PassCursorStore); undefined when none is stored. */
export async function readPassCursor(context: StoreContext): Promise<string | undefined> {
  const input = { TableName: context.tableName, Key: passCursorKey(), ConsistentRead: true };
  const failure = { action: "GetItem", tableName: context.tableName, subject: "the pass cursor" };
  const result = await withDomainErrors(failure, () => context.documents.send(new GetCommand(input)));
  const next = result.Item?.next;
  return typeof next === "string" ? next : undefined;
}

/** Last write wins: two passes racing only disagree on where the next one starts. */
export async function writePassCursor(context: StoreContext, targetId: string | undefined): Promise<void> {
  const item = {
    ...passCursorKey(),
    updatedAt: context.now(),
    ...(targetId !== undefined && { next: targetId }),
  };
  const failure = { action: "PutItem", tableName: context.tableName, subject: "the pass cursor" };
  await withDomainErrors(failure, () =>
    context.documents.send(new PutCommand({ TableName: context.tableName, Item: item })),
  );
}
