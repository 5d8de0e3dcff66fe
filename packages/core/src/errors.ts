/** Base of Gantry's typed errors: a stable `code` and, for input problems, the offending `field` path. */
export class GantryError extends Error {
  readonly code: string;
  readonly field: string | undefined;

  constructor(code: string, message: string, field?: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.field = field;
  }
}

/** Bad input: names the field (a dotted path such as `policies[0].targetValue`) and the reason. */
export class ValidationError extends GantryError {
  constructor(message: string, field?: string) {
    super("ValidationError", message, field);
  }
}

/** The service throttled the call: safe to retry with backoff. */
export class ThrottledError extends GantryError {
  constructor(message: string) {
    super("Throttled", message);
  }
}

/** The resource (service, queue, alarm, target) does not exist. */
export class NotFoundError extends GantryError {
  constructor(message: string, field?: string) {
    super("NotFound", message, field);
  }
}

/** A conditional write lost: someone else changed the item first. Re-read and decide again. */
export class ConflictError extends GantryError {
  constructor(message: string) {
    super("Conflict", message);
  }
}

/**
 * A stored item that no longer passes its schema (hand-edited, or written by another Gantry version). It is
 * surfaced and repairable, never deleted for being unreadable.
 */
export class CorruptItemError extends GantryError {
  readonly targetId: string;

  constructor(targetId: string, problem: string) {
    super("CorruptItem", `stored item of target ${targetId} is corrupt: ${problem}`);
    this.targetId = targetId;
  }
}
