import { GantryError, ThrottledError } from "@gantry/core";

/** Errors the AWS SDK retries: throttling and server-side failures. */
export function isRetryable(error: unknown): boolean {
  return (
    error instanceof ThrottledError || (error instanceof GantryError && error.code === "InternalFailure")
  );
}

/**
 * What the SDK's adaptive retry mode does for the real adapters (up to `maxAttempts` tries), for ports of the
 * simulated account. It does not wait between tries: in virtual time the backoff is free, and what matters to
 * the fault suite is that a call can still fail after all its tries.
 */
export function withRetries<T extends object>(port: T, maxAttempts: number): T {
  return new Proxy(port, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await value.apply(target, args);
          } catch (error) {
            if (attempt >= maxAttempts || !isRetryable(error)) throw error;
          }
        }
      };
    },
  });
}
