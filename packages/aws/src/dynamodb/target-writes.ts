import { UpdateCommand, type UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import {
  type DecisionRecord,
  DecisionRecordSchema,
  parseWith,
  type ScalingState,
  ScalingStateSchema,
  type TargetConfig,
  TargetConfigSchema,
  ValidationError,
} from "@gantry/core";
import { withDomainErrors } from "./dynamo-errors.ts";
import { type StoreContext, toPlainJson } from "./store-context.ts";
import { targetKey } from "./table-keys.ts";

/** Tombstones only need to outlive any writer still holding the deleted target's version. */
export const TOMBSTONE_RETENTION_SECONDS = 7 * 24 * 3600;

type Write = Pick<
  UpdateCommandInput,
  "UpdateExpression" | "ConditionExpression" | "ExpressionAttributeNames" | "ExpressionAttributeValues"
>;

/**
 * Every write to a live target is `version = :expected` (and not a tombstone), setting version to expected + 1.
 * Creation (expectedVersion 0) instead requires no item or a tombstone, and continues the tombstone's count.
 */
function conditionalOn(expectedVersion: number): Write {
  return {
    ConditionExpression: "#version = :expected AND attribute_not_exists(#deletedAt)",
    ExpressionAttributeNames: { "#version": "version", "#deletedAt": "deletedAt" },
    ExpressionAttributeValues: { ":expected": expectedVersion, ":next": expectedVersion + 1 },
  };
}

function merge(
  condition: Write,
  update: string,
  names: Record<string, string>,
  values: Record<string, unknown>,
): Write {
  return {
    ...condition,
    UpdateExpression: update,
    ExpressionAttributeNames: { ...condition.ExpressionAttributeNames, ...names },
    ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ...values },
  };
}

function createWrite(config: unknown, now: number): Write {
  return {
    UpdateExpression:
      "SET #config = :config, #version = if_not_exists(#version, :zero) + :one, #updatedAt = :now " +
      "REMOVE #state, #deletedAt, #expiresAt",
    ConditionExpression: "attribute_not_exists(#pk) OR attribute_exists(#deletedAt)",
    ExpressionAttributeNames: {
      "#pk": "pk",
      "#config": "config",
      "#version": "version",
      "#updatedAt": "updatedAt",
      "#state": "state",
      "#deletedAt": "deletedAt",
      "#expiresAt": "expiresAt",
    },
    ExpressionAttributeValues: { ":config": config, ":zero": 0, ":one": 1, ":now": now },
  };
}

function replaceConfigWrite(config: unknown, expectedVersion: number, now: number): Write {
  return merge(
    conditionalOn(expectedVersion),
    "SET #config = :config, #version = :next, #updatedAt = :now",
    { "#config": "config", "#updatedAt": "updatedAt" },
    { ":config": config, ":now": now },
  );
}

function checkExpectedVersion(expectedVersion: number): void {
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    throw new ValidationError("must be a non-negative integer", "expectedVersion");
  }
}

async function update(
  context: StoreContext,
  targetId: string,
  expectedVersion: number,
  write: Write,
  creating = false,
): Promise<number> {
  const input = {
    TableName: context.tableName,
    Key: targetKey(targetId),
    ...write,
    // A create continues a tombstone's count, so only DynamoDB knows the new version.
    ReturnValues: creating ? ("UPDATED_NEW" as const) : ("NONE" as const),
    // Real DynamoDB then returns the item it saw, so the ConflictError can say which version won.
    ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
  };
  const failure = { action: "UpdateItem", tableName: context.tableName, targetId, expectedVersion, creating };
  const result = await withDomainErrors(failure, () => context.documents.send(new UpdateCommand(input)));
  const version = result.Attributes?.version;
  return typeof version === "number" ? version : expectedVersion + 1;
}

/** Creates (expectedVersion 0) or replaces a target's config, keeping its state. */
export async function writeConfig(
  context: StoreContext,
  input: TargetConfig,
  expectedVersion: number,
): Promise<number> {
  checkExpectedVersion(expectedVersion);
  const config = toPlainJson(parseWith(TargetConfigSchema, input));
  const creating = expectedVersion === 0;
  const write = creating
    ? createWrite(config, context.now())
    : replaceConfigWrite(config, expectedVersion, context.now());
  return update(context, config.target.id, expectedVersion, write, creating);
}

/** Saves a decision's state (and the decision, when given); the target must exist at expectedVersion. */
export async function writeState(
  context: StoreContext,
  targetId: string,
  input: ScalingState,
  expectedVersion: number,
  lastDecision?: DecisionRecord,
): Promise<number> {
  checkExpectedVersion(expectedVersion);
  const state = toPlainJson(parseWith(ScalingStateSchema, input));
  const decision =
    lastDecision === undefined ? undefined : toPlainJson(parseWith(DecisionRecordSchema, lastDecision));
  const write = merge(
    conditionalOn(expectedVersion),
    `SET #state = :state, #version = :next, #updatedAt = :now${decision === undefined ? "" : ", #lastDecision = :decision"}`,
    {
      "#state": "state",
      "#updatedAt": "updatedAt",
      ...(decision !== undefined && { "#lastDecision": "lastDecision" }),
    },
    { ":state": state, ":now": context.now(), ...(decision !== undefined && { ":decision": decision }) },
  );
  return update(context, targetId, expectedVersion, write);
}

/** Replaces the target with a tombstone. Its activities stay until their own TTL: the history outlives it. */
export async function writeTombstone(
  context: StoreContext,
  targetId: string,
  expectedVersion: number,
): Promise<void> {
  checkExpectedVersion(expectedVersion);
  const now = context.now();
  const write = merge(
    conditionalOn(expectedVersion),
    "SET #version = :next, #deletedAt = :now, #updatedAt = :now, #expiresAt = :expiresAt REMOVE #config, #state, #lastDecision",
    {
      "#updatedAt": "updatedAt",
      "#expiresAt": "expiresAt",
      "#config": "config",
      "#state": "state",
      "#lastDecision": "lastDecision",
    },
    { ":now": now, ":expiresAt": Math.floor(now / 1000) + TOMBSTONE_RETENTION_SECONDS },
  );
  await update(context, targetId, expectedVersion, write);
}
