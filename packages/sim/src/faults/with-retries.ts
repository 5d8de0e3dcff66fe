import { GantryError, ThrottledError } from "@gantry/core";
import { aroundMethods } from "./around-methods.ts";

/** Errors the AWS SDK retries: throttling and server-side failures. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ThrottledError) return true;
  if (!(error instanceof GantryError)) return false;
  if (error.code === "InternalFailure") return true;
  const status = metadataOf(error)?.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

/**
 * What the SDK's adaptive retry mode does for the real adapters (up to `maxAttempts` tries), for ports of the
 * simulated account. It does not wait between tries: in virtual time the backoff is free, and what matters to
 * the fault suite is that a call can still fail after all its tries. As the SDK does, the error that ends a
 * retried call carries `$metadata.attempts` (on its SDK cause when it has one): a later attempt's answer says
 * nothing of what an earlier one did.
 */
export function withRetries<T extends object>(port: T, maxAttempts: number): T {
  return aroundMethods(port, async (_method, _args, call) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (attempt >= maxAttempts || !isRetryable(error)) throw stampAttempts(error, attempt);
      }
    }
  });
}

type WithMetadata = { $metadata?: { httpStatusCode?: number; attempts?: number } };

function metadataOf(error: unknown): WithMetadata | undefined {
  const cause = error instanceof GantryError && error.cause !== undefined ? error.cause : error;
  return typeof cause === "object" && cause !== null ? (cause as WithMetadata) : undefined;
}

function stampAttempts(error: unknown, attempts: number): unknown {
  const holder = attempts > 1 ? metadataOf(error) : undefined;
  if (holder) holder.$metadata = { ...holder.$metadata, attempts };
  return error;
}
