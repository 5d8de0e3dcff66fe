declare const sdkErrorName: unique symbol;

/**
 * An AWS SDK exception's own name (`ClusterNotFoundException`), passed through unchanged as the code by an
 * adapter that could not classify it. Branded so that only `sdkErrorCode` makes one: a typo in a literal code
 * fails to compile instead of becoming a new code.
 */
export type SdkErrorCode = string & { readonly [sdkErrorName]: true };

/** The codes Gantry raises itself; each string is pinned by tests, the API or stored activities. */
export type GantryErrorCode =
  // The core's typed errors.
  | "ValidationError"
  | "Throttled"
  | "NotFound"
  | "Conflict"
  | "CorruptItem"
  // Adapters.
  | "DynamoDbFailed"
  | "EcsFailure"
  | "EventsNotPublished"
  | "InvalidQueueAttribute"
  | "UnknownError"
  // Lambda handlers.
  | "AlarmFailed"
  | "BadEnvironment"
  | "BadEvent"
  // The HTTP API's own.
  | "BadJson"
  | "BadRequest"
  | "MethodNotAllowed"
  | "NoSuchRoute"
  | "NotConfigured"
  | "PayloadTooLarge"
  | "UnsupportedMediaType"
  | "UpstreamFailed"
  // AWS's generic 500, as the simulator's fault injector raises it.
  | "InternalFailure"
  | SdkErrorCode;

/** Marks an SDK exception's name as a pass-through code (see SdkErrorCode). */
export function sdkErrorCode(name: string): SdkErrorCode {
  return name as SdkErrorCode;
}

/** Base of Gantry's typed errors: a stable `code`, for input problems the offending `field` path, and `cause`. */
export class GantryError extends Error {
  readonly code: GantryErrorCode;
  readonly field: string | undefined;

  constructor(code: GantryErrorCode, message: string, field?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.field = field;
  }
}

/** Bad input: names the field (a dotted path such as `policies[0].targetValue`) and the reason. */
export class ValidationError extends GantryError {
  constructor(message: string, field?: string, options?: ErrorOptions) {
    super("ValidationError", message, field, options);
  }
}

/** The service throttled the call: safe to retry with backoff. */
export class ThrottledError extends GantryError {
  constructor(message: string, options?: ErrorOptions) {
    super("Throttled", message, undefined, options);
  }
}

/** The resource (service, queue, alarm, target) does not exist. */
export class NotFoundError extends GantryError {
  constructor(message: string, field?: string, options?: ErrorOptions) {
    super("NotFound", message, field, options);
  }
}

/** A conditional write lost: someone else changed the item first. Re-read and decide again. */
export class ConflictError extends GantryError {
  constructor(message: string, options?: ErrorOptions) {
    super("Conflict", message, undefined, options);
  }
}

/**
 * A stored item that no longer passes its schema (hand-edited, or written by another Gantry version). It is
 * surfaced and repairable, never deleted for being unreadable.
 */
export class CorruptItemError extends GantryError {
  readonly targetId: string;

  constructor(targetId: string, problem: string, options?: ErrorOptions) {
    super("CorruptItem", `stored item of target ${targetId} is corrupt: ${problem}`, undefined, options);
    this.targetId = targetId;
  }
}
