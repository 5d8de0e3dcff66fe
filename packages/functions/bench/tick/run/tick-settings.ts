// The tick as infra/control-loop.ts deploys it.
import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";
import type { BenchClock } from "../lambda-side/bench-clock.ts";

/** The Lambda's timeout (`timeout: "75 seconds"`). */
export const TICK_TIMEOUT_MS = 75_000;
/** SUB_TICK_SECONDS in the functions' environment. */
export const SUB_TICK_SECONDS = 15;
/** The schedule: `rate(1 minute)`. */
export const TICK_PERIOD_MS = 60_000;

const FUNCTION_NAME = "gantry-bench-tick";

/** An invocation's context: the full timeout left, on the bench's clock. */
export function tickContext(clock: BenchClock, memoryMb: number): Context {
  const endsAt = clock.now() + TICK_TIMEOUT_MS;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: FUNCTION_NAME,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${FUNCTION_NAME}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${FUNCTION_NAME}`,
    logStreamName: "bench",
    getRemainingTimeInMillis: () => Math.max(0, endsAt - clock.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
