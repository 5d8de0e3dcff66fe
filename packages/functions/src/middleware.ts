import type { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import type { Metrics } from "@aws-lambda-powertools/metrics";
import { logMetrics } from "@aws-lambda-powertools/metrics/middleware";
import type { Tracer } from "@aws-lambda-powertools/tracer";
import { captureLambdaHandler } from "@aws-lambda-powertools/tracer/middleware";
import middy, { type MiddlewareObj } from "@middy/core";
import type { Context } from "aws-lambda";

export interface GantryMiddlewareOptions {
  logger: Logger;
  metrics: Metrics;
  /** Absent for an untraced handler (the tick: tracing.ts). */
  tracer?: Tracer | undefined;
}

/**
 * Wraps a handler in middy with Powertools. Order matters: the Tracer segment (if traced) opens first and closes last;
 * the Logger gets the Lambda context (request id, cold start) and drops keys appended during the previous
 * invocation; metrics are flushed as EMF after the handler returns or throws, with a ColdStart metric; an error
 * that fails the invocation is logged first, while the keys the handler appended are still there.
 */
export function withGantryMiddleware<TEvent, TResult>(
  handler: (event: TEvent, context: Context) => Promise<TResult>,
  { logger, metrics, tracer }: GantryMiddlewareOptions,
) {
  const wrapped = middy<TEvent, TResult>(handler);
  if (tracer) wrapped.use(captureLambdaHandler(tracer));
  return wrapped
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(logInvocationError(logger));
}

/**
 * The one log line for an error that fails the invocation: handlers throw without logging, and middy rethrows
 * after this (it returns nothing), so the invocation still fails and an async one is retried.
 */
function logInvocationError(logger: Logger): MiddlewareObj {
  return {
    onError: ({ error }) => {
      logger.error("invocation failed", error as Error);
    },
  };
}
