import { ConflictError, GantryError, NotFoundError, ThrottledError } from "@gantry/core";

/** What was being done when DynamoDB failed, for the domain error's message. */
export interface DynamoFailureContext {
  /** The DynamoDB action, e.g. `UpdateItem`. */
  action: string;
  tableName: string;
  targetId?: string;
  /** What the item is, when it is not a target (e.g. `capacity asg-1`); the conflict message names it. */
  subject?: string;
  expectedVersion?: number;
  /** A state write's expected state version. */
  expectedStateVersion?: number;
  /** A create: a failed condition means the target already exists. */
  creating?: boolean;
}

const THROTTLING = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
]);

/** Turns an SDK exception into Gantry's typed errors (DESIGN §7: adapters speak the domain's errors). */
export function toDomainError(error: unknown, context: DynamoFailureContext): Error {
  if (error instanceof GantryError) return error;
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  if (name === "ConditionalCheckFailedException") return conflict(error, context);
  if (THROTTLING.has(name)) return new ThrottledError(`dynamodb:${context.action} throttled: ${message}`);
  if (name === "ResourceNotFoundException") {
    return new NotFoundError(`table ${context.tableName} not found (dynamodb:${context.action}): ${message}`);
  }
  const detail = name && name !== "Error" ? `${name}: ${message}` : message;
  const wrapped = new GantryError("DynamoDbFailed", `dynamodb:${context.action} failed: ${detail}`);
  wrapped.cause = error;
  return wrapped;
}

function conflict(
  error: unknown,
  { targetId, subject, expectedVersion, expectedStateVersion, creating }: DynamoFailureContext,
): ConflictError {
  const target = subject ?? `target ${targetId ?? "?"}`;
  if (creating) return new ConflictError(`${target} already exists`);
  const since =
    expectedStateVersion === undefined
      ? `version ${expectedVersion}`
      : `version ${expectedVersion}, state version ${expectedStateVersion}`;
  return new ConflictError(`${target} changed since ${since}${describeWinner(error)}`);
}

/**
 * What the failed condition saw, when DynamoDB returned the item (ReturnValuesOnConditionCheckFailure =
 * ALL_OLD; lib-dynamodb leaves it marshalled). Empty when it did not (no item, or dynalite).
 */
function describeWinner(error: unknown): string {
  if (typeof error !== "object" || error === null || !("Item" in error)) return "";
  const item = error.Item as Record<string, { N?: string }> | undefined;
  if (!item) return "";
  if (item.deletedAt) return " (it was deleted)";
  if (!item.version?.N) return "";
  const state = item.stateVersion?.N ? `, state version ${item.stateVersion.N}` : "";
  return ` (it is at version ${item.version.N}${state})`;
}

/** Runs one DynamoDB call and rethrows its failure as a domain error, once, naming the action. */
export async function withDomainErrors<T>(context: DynamoFailureContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toDomainError(error, context);
  }
}
