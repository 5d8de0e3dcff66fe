// Shared by the adapter tests: registers aws-sdk-client-mock-vitest's matchers and gives SDK clients a fixed
// region and static fake credentials, so nothing ever looks for real ones or reaches AWS.
import { allCustomMatcher, type BaseMatcher } from "aws-sdk-client-mock-vitest";
import { expect } from "vitest";

expect.extend(allCustomMatcher);

declare module "vitest" {
  interface Matchers<R extends void | Promise<void> = void | Promise<void>, T = unknown>
    extends BaseMatcher<R, T> {}
}

process.env.AWS_EC2_METADATA_DISABLED = "true";

export const TEST_CLIENT_CONFIG = {
  region: "eu-west-1",
  credentials: { accessKeyId: "AKIAFAKEFAKEFAKEFAKE", secretAccessKey: "fake-secret-key-for-tests" },
};

/** An SDK-shaped exception as the SDK's deserializers build them (a name, a fault and response metadata). */
export function sdkError(
  name: string,
  options: { message?: string; httpStatusCode?: number; throttling?: boolean } = {},
): Error {
  const error = new Error(options.message ?? `${name} (test)`);
  error.name = name;
  return Object.assign(error, {
    $fault: "client",
    $metadata: { httpStatusCode: options.httpStatusCode ?? 400 },
    ...(options.throttling === undefined ? {} : { $retryable: { throttling: options.throttling } }),
  });
}
