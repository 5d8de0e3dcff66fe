import { UpdateCommand, type UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import {
  ConflictError,
  type DecisionRecord,
  DecisionRecordSchema,
  GantryError,
  parseWith,
  type ScalingState,
  ScalingStateSchema,
  type StateVersions,
  type TargetConfig,
  TargetConfigSchema,
  ValidationError,
} from "@gantry/core";
import { withDomainErrors } from "./dynamo-errors.ts";
import { type TargetStoreContext, toPlainJson } from "./store-context.ts";
import { targetKey } from "./table-keys.ts";
import { atShard } from "./target-location.ts";

/** Tombstones only need to outlive any writer still holding the deleted target's version. */
export const TOMBSTONE_RETENTION_SECONDS = 7 * 24 * 3600;

type Write = Pick<
  UpdateCommandInput,
  "UpdateExpression" | "ConditionExpression" | "ExpressionAttributeNames" | "ExpressionAttributeValues"
>;

/**
 * Every config write or delete of a live target is `version = :expected` (and not a tombstone), setting version
 * to expected + 1. Creation (expectedVersion 0) instead requires no item or a tombstone, and continues the
 * tombstone's count.
 */
function conditionalOn(expectedVersion: number): Write {
  return {
    ConditionExpression: "#version = :expected AND attribute_not_exists(#deletedAt)",
    ExpressionAttributeNames: { "#version": "version", "#deletedAt": "deletedAt" },
    ExpressionAttributeValues: { ":expected": expectedVersion, ":next": expectedVersion + 1 },
  };
}

/** A state write also needs the state it started from; items from before the split have no stateVersion. */
function stateConditionalOn(expected: StateVersions): Write {
  const base = conditionalOn(expected.version);
  const stateCheck =
    expected.stateVersion === 0 ? "attribute_not_exists(#stateVersion)" : "#stateVersion = :expectedState";
  return {
    ConditionExpression: `${base.ConditionExpression} AND ${stateCheck}`,
    ExpressionAttributeNames: {
      "#version": "version",
      "#deletedAt": "deletedAt",
      "#stateVersion": "stateVersion",
    },
    ExpressionAttributeValues: {
      ":expected": expected.version,
      ":nextState": expected.stateVersion + 1,
      ...(expected.stateVersion !== 0 && { ":expectedState": expected.stateVersion }),
    },
  };
}

/** Last write wins: replace a live target's config whatever its version (a write without If-Match). */
function unconditionalReplace(config: unknown, now: number): Write {
  return {
    UpdateExpression: "SET #config = :config, #version = #version + :one, #updatedAt = :now",
    ConditionExpression: "attribute_exists(#version) AND attribute_not_exists(#deletedAt)",
    ExpressionAttributeNames: {
      "#config": "config",
      "#version": "version",
      "#updatedAt": "updatedAt",
      "#deletedAt": "deletedAt",
    },
    ExpressionAttributeValues: { ":config": config, ":one": 1, ":now": now },
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
      "REMOVE #state, #stateVersion, #deletedAt, #expiresAt",
    ConditionExpression: "attribute_not_exists(#pk) OR attribute_exists(#deletedAt)",
    ExpressionAttributeNames: {
      "#pk": "pk",
      "#config": "config",
      "#version": "version",
      "#updatedAt": "updatedAt",
      "#state": "state",
      "#stateVersion": "stateVersion",
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

function checkExpectedVersion(expectedVersion: number, field = "expectedVersion"): void {
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    throw new ValidationError("must be a non-negative integer", field);
  }
}

/** One conditional UpdateItem; returns the attribute `returned` as it now stands (DynamoDB's count). */
async function update(
  context: TargetStoreContext,
  targetId: string,
  write: Write,
  returned: "version" | "stateVersion",
  details: Record<string, unknown>,
  fallback?: number,
): Promise<number> {
  const input = {
    TableName: context.tableName,
    Key: targetKey(targetId),
    ...write,
    ReturnValues: "UPDATED_NEW" as const,
    // Real DynamoDB then returns the item it saw, so the ConflictError can say which version won.
    ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
  };
  const failure = { action: "UpdateItem", tableName: context.tableName, targetId, ...details };
  const send = () => withDomainErrors(failure, () => context.documents.send(new UpdateCommand(input)));
  const result = await atShard(context, targetId, details.creating === true, send);
  const value = result.Attributes?.[returned];
  if (typeof value === "number") return value;
  // DynamoDB returns the updated attributes; a stand-in that does not is taken at its word for known counts.
  if (fallback !== undefined) return fallback;
  throw new GantryError("DynamoDbFailed", `UpdateItem returned no ${returned}`);
}

/**
 * Creates (expectedVersion 0) or replaces a target's config, keeping its state. `undefined`: last write wins —
 * replace the live config, or create it when there is none (a lost race to create is retried as a replace).
 */
export async function writeConfig(
  context: TargetStoreContext,
  input: TargetConfig,
  expectedVersion: number | undefined,
): Promise<number> {
  if (expectedVersion !== undefined) checkExpectedVersion(expectedVersion);
  const config = toPlainJson(parseWith(TargetConfigSchema, input));
  const id = config.target.id;
  if (expectedVersion === 0)
    return update(context, id, createWrite(config, context.now()), "version", { creating: true }, 1);
  if (expectedVersion !== undefined) {
    const write = replaceConfigWrite(config, expectedVersion, context.now());
    return update(context, id, write, "version", { expectedVersion }, expectedVersion + 1);
  }
  return writeLastWins(context, config);
}

async function writeLastWins(context: TargetStoreContext, config: TargetConfig): Promise<number> {
  const id = config.target.id;
  for (let attempt = 1; ; attempt++) {
    try {
      return await update(context, id, unconditionalReplace(config, context.now()), "version", {
        lastWins: true,
      });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    try {
      return await update(context, id, createWrite(config, context.now()), "version", { creating: true });
    } catch (error) {
      // Created or deleted by someone else in between: go round again, a few times at most.
      if (!(error instanceof ConflictError) || attempt >= 3) throw error;
    }
  }
}

/** Saves a decision's state (and the decision, when given); returns the new state version. */
export async function writeState(
  context: TargetStoreContext,
  targetId: string,
  input: ScalingState,
  expected: StateVersions,
  lastDecision?: DecisionRecord,
): Promise<number> {
  checkExpectedVersion(expected.version);
  checkExpectedVersion(expected.stateVersion, "expected.stateVersion");
  const state = toPlainJson(parseWith(ScalingStateSchema, input));
  const decision =
    lastDecision === undefined ? undefined : toPlainJson(parseWith(DecisionRecordSchema, lastDecision));
  const write = merge(
    stateConditionalOn(expected),
    `SET #state = :state, #stateVersion = :nextState, #updatedAt = :now${decision === undefined ? "" : ", #lastDecision = :decision"}`,
    {
      "#state": "state",
      "#updatedAt": "updatedAt",
      ...(decision !== undefined && { "#lastDecision": "lastDecision" }),
    },
    { ":state": state, ":now": context.now(), ...(decision !== undefined && { ":decision": decision }) },
  );
  const details = { expectedVersion: expected.version, expectedStateVersion: expected.stateVersion };
  return update(context, targetId, write, "stateVersion", details, expected.stateVersion + 1);
}

/** Replaces the target with a tombstone. Its activities stay until their own TTL: the history outlives it. */
export async function writeTombstone(
  context: TargetStoreContext,
  targetId: string,
  expectedVersion: number,
): Promise<void> {
  checkExpectedVersion(expectedVersion);
  const now = context.now();
  const write = merge(
    conditionalOn(expectedVersion),
    "SET #version = :next, #deletedAt = :now, #updatedAt = :now, #expiresAt = :expiresAt REMOVE #config, #state, #stateVersion, #lastDecision",
    {
      "#updatedAt": "updatedAt",
      "#expiresAt": "expiresAt",
      "#config": "config",
      "#state": "state",
      "#stateVersion": "stateVersion",
      "#lastDecision": "lastDecision",
    },
    { ":now": now, ":expiresAt": Math.floor(now / 1000) + TOMBSTONE_RETENTION_SECONDS },
  );
  await update(context, targetId, write, "version", { expectedVersion }, expectedVersion + 1);
}
