import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";

/** A Lambda context whose remaining time runs on `now` (default: API Gateway's 30 s on the real clock). */
export function localLambdaContext(
  options: { functionName?: string; remainingMs?: number; now?: () => number } = {},
): Context {
  const { functionName = "gantry-local-api", remainingMs = 30_000, now = Date.now } = options;
  const endsAt = now() + remainingMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: "256",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, endsAt - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
