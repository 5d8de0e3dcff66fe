import { ConflictError, GantryError, NotFoundError, ThrottledError } from "@gantry/core";
import { toDomainError } from "../sdk-errors.ts";

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

/**
 * Turns an SDK exception into Gantry's typed errors (DESIGN §7), classified by the adapters' shared mapper: a
 * conflict says which version won, a missing table is named, throttling passes through, and anything else is
 * DynamoDbFailed (a DynamoDB ValidationException is our bug, not the caller's input, so not a ValidationError).
 */
function toDynamoError(error: unknown, context: DynamoFailureContext): GantryError {
  if (error instanceof GantryError) return error;
  const domain = toDomainError(error, { action: `dynamodb:${context.action}` });
  if (domain instanceof ThrottledError) return domain;
  const options = { cause: error };
  if (domain instanceof ConflictError) return conflict(error, context, options);
  if (domain instanceof NotFoundError) {
    return new NotFoundError(`table ${context.tableName} not found: ${domain.message}`, undefined, options);
  }
  return new GantryError("DynamoDbFailed", domain.message, undefined, options);
}

function conflict(
  error: unknown,
  { targetId, subject, expectedVersion, expectedStateVersion, creating }: DynamoFailureContext,
  options: ErrorOptions,
): ConflictError {
  const target = subject ?? `target ${targetId ?? "?"}`;
  if (creating) return new ConflictError(`${target} already exists`, options);
  const since =
    expectedStateVersion === undefined
      ? `version ${expectedVersion}`
      : `version ${expectedVersion}, state version ${expectedStateVersion}`;
  return new ConflictError(`${target} changed since ${since}${describeWinner(error)}`, options);
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
    throw toDynamoError(error, context);
  }
}
