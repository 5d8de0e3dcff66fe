import { ConflictError, GantryError, NotFoundError, ThrottledError, ValidationError } from "@gantry/core";

/** What an AWS SDK exception carries about the request, read structurally (the adapter keeps it as `cause`). */
interface SdkMetadata {
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $fault?: unknown;
}

/**
 * Whether a failed write certainly did not take effect. Only then may the claimed state be rolled back so the
 * next pass retries; anything else (a timeout, a network error, a 5xx after commit, or a failure after the SDK
 * already retried an attempt whose answer was lost) is unknown, and rolling back could step twice.
 */
export function certainlyNotApplied(error: unknown): boolean {
  const meta = sdkMetadata(error);
  if ((meta?.$metadata?.attempts ?? 1) > 1) return false;
  if (error instanceof ThrottledError || error instanceof ValidationError) return true;
  if (error instanceof NotFoundError || error instanceof ConflictError) return true;
  const status = meta?.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 400 && status < 500;
  return meta?.$fault === "client";
}

function sdkMetadata(error: unknown): SdkMetadata | undefined {
  const cause = error instanceof GantryError && error.cause !== undefined ? error.cause : error;
  return typeof cause === "object" && cause !== null ? (cause as SdkMetadata) : undefined;
}
