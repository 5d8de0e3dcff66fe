// The tick as infra/control-loop.ts deploys it.
import type { Context } from "aws-lambda";
import { localLambdaContext } from "../../../src/local/lambda-context.ts";
import type { BenchClock } from "../lambda-side/bench-clock.ts";

/** The Lambda's timeout (`timeout: "75 seconds"`). */
export const TICK_TIMEOUT_MS = 75_000;
/** Its memory (`memory: "512 MB"`), in GB for GB-seconds. */
export const TICK_MEMORY_GB = 0.5;
/** SUB_TICK_SECONDS in the functions' environment. */
export const SUB_TICK_SECONDS = 15;
/** The schedule: `rate(1 minute)`. */
export const TICK_PERIOD_MS = 60_000;

/** An invocation's context: the full timeout left, on the bench's clock. */
export function tickContext(clock: BenchClock): Context {
  return localLambdaContext({
    functionName: "gantry-bench-tick",
    remainingMs: TICK_TIMEOUT_MS,
    now: () => clock.now(),
  });
}
