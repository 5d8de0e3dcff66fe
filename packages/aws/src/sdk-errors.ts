import {
  ConflictError,
  GantryError,
  NotFoundError,
  sdkErrorCode,
  ThrottledError,
  ValidationError,
} from "@gantry/core";

/** The AWS action being called (`ecs:UpdateService`) and, when there is one, the resource it was called on. */
export interface AwsCallContext {
  action: string;
  resource?: string;
}

/** What SDK v3 exceptions carry, read structurally so that every protocol and service behaves the same. */
interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

const THROTTLING_NAMES: ReadonlySet<string> = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "ProvisionedThroughputExceededException",
  "RequestThrottled",
  "RequestThrottledException",
  "ThrottledException",
]);

const NOT_FOUND_NAMES: ReadonlySet<string> = new Set([
  "ResourceNotFoundException",
  "ResourceNotFound",
  "NotFoundException",
  "ServiceNotFoundException",
  "ClusterNotFoundException",
  // ECS raises this for a service that was deleted (INACTIVE or DRAINING): for scaling it no longer exists, and
  // retrying cannot bring it back.
  "ServiceNotActiveException",
  "TargetNotFoundException",
  "QueueDoesNotExist",
  // The same SQS error under the code the JSON protocol sends when the client does not map it.
  "AWS.SimpleQueueService.NonExistentQueue",
]);

const VALIDATION_NAMES: ReadonlySet<string> = new Set([
  "ValidationException",
  // The Query protocol's spelling (Auto Scaling, older CloudWatch).
  "ValidationError",
  "InvalidParameterException",
  "InvalidParameterValue",
  "InvalidParameterValueException",
  "InvalidParameterCombination",
  "InvalidParameterCombinationException",
  "MissingRequiredParameterException",
  "MissingParameter",
]);

/** Someone else is changing the same resource: re-read and decide again. */
const CONFLICT_NAMES: ReadonlySet<string> = new Set([
  "ConflictException",
  "ConcurrentModificationException",
  "ConditionalCheckFailedException",
  "ResourceContentionFault",
  "ScalingActivityInProgressFault",
]);

/**
 * Turn whatever an SDK call threw into Gantry's typed errors: ThrottledError, NotFoundError, ValidationError,
 * ConflictError, or a GantryError whose code is the SDK error's name. The message names the action and the
 * original error stays as `cause`. Errors that are already GantryErrors pass through, so wrapping happens once.
 */
export function toDomainError(error: unknown, context: AwsCallContext): GantryError {
  if (error instanceof GantryError) return error;
  const shape = sdkShape(error);
  const name = typeof shape.name === "string" && shape.name !== "" ? shape.name : "UnknownError";
  const detail = typeof shape.message === "string" ? shape.message : String(error);
  const on = context.resource === undefined ? "" : ` for ${context.resource}`;
  return classify(shape, name, `${context.action} failed${on}: ${name}: ${detail}`, { cause: error });
}

function classify(shape: SdkErrorShape, name: string, message: string, options: ErrorOptions): GantryError {
  if (isThrottling(shape, name)) return new ThrottledError(message, options);
  if (NOT_FOUND_NAMES.has(name)) return new NotFoundError(message, undefined, options);
  if (VALIDATION_NAMES.has(name)) return new ValidationError(message, undefined, options);
  if (CONFLICT_NAMES.has(name)) return new ConflictError(message, options);
  return new GantryError(sdkErrorCode(name), message, undefined, options);
}

function isThrottling(shape: SdkErrorShape, name: string): boolean {
  return (
    THROTTLING_NAMES.has(name) ||
    shape.$metadata?.httpStatusCode === 429 ||
    shape.$retryable?.throttling === true
  );
}

/** Worth another try: throttled, or AWS failed (a 5xx or server fault) rather than the request. */
export function isRetryable(error: GantryError): boolean {
  if (error instanceof ThrottledError) return true;
  const cause = sdkShape(error.cause);
  return cause.$fault === "server" || (cause.$metadata?.httpStatusCode ?? 0) >= 500;
}

/** The SDK exception's name behind a domain error (`ClusterNotFoundException`), when there is one. */
export function awsErrorName(error: GantryError): string | undefined {
  const name = sdkShape(error.cause).name;
  return typeof name === "string" ? name : undefined;
}

function sdkShape(error: unknown): SdkErrorShape {
  return typeof error === "object" && error !== null ? error : {};
}

/** Run one SDK call and rethrow its failure as a domain error (see toDomainError). */
export async function callAws<T>(context: AwsCallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toDomainError(error, context);
  }
}
