import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import type { Tracer } from "@aws-lambda-powertools/tracer";

/**
 * The Powertools utilities a handler uses; one set per module, reused across invocations. The Tracer only where
 * the handler is traced (tracing.ts): importing it installs X-Ray's async hooks for every promise of the process.
 */
export interface Observability {
  logger: Logger;
  metrics: Metrics;
  tracer?: Tracer;
}

/** Used when POWERTOOLS_METRICS_NAMESPACE is unset, so the EMF flush never lacks a namespace. */
export const DEFAULT_METRICS_NAMESPACE = "Gantry";
/** Used when POWERTOOLS_SERVICE_NAME is unset: the `service` key in logs and the `service` metrics dimension. */
export const DEFAULT_SERVICE_NAME = "gantry";

/** The `service` key in logs, metrics and traces: POWERTOOLS_SERVICE_NAME, else gantry. */
export function serviceNameOf(env: NodeJS.ProcessEnv): string {
  return env.POWERTOOLS_SERVICE_NAME || DEFAULT_SERVICE_NAME;
}

/**
 * Logger and Metrics (and a given Tracer, kept). Powertools reads its own POWERTOOLS_* variables; these fallbacks
 * only fill what is missing.
 */
export function createObservability(
  given: Partial<Observability> = {},
  env: NodeJS.ProcessEnv = process.env,
): Observability {
  const serviceName = serviceNameOf(env);
  const namespace = env.POWERTOOLS_METRICS_NAMESPACE || DEFAULT_METRICS_NAMESPACE;
  return {
    logger: given.logger ?? new Logger({ serviceName }),
    metrics: given.metrics ?? new Metrics({ serviceName, namespace }),
    ...(given.tracer && { tracer: given.tracer }),
  };
}

/** Powertools Metrics reads POWERTOOLS_METRICS_DISABLED when it is built: set it for this instance only. */
function disabledMetrics(serviceName: string, namespace: string, logger: Logger): Metrics {
  const previous = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = "true";
  try {
    // Its warnings (e.g. "No application metrics to publish" after an invocation that failed early) go to the
    // quiet logger, not straight to the console.
    return new Metrics({ serviceName, namespace, logger });
  } finally {
    if (previous === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = previous;
  }
}

/**
 * Powertools for running the handlers outside Lambda (`gantry dev`, tests): the middleware still runs, but logs
 * stay at `logLevel`, no EMF is printed and nothing is traced.
 */
export function createQuietObservability(
  serviceName: string,
  logLevel: "SILENT" | "ERROR" | "WARN" | "INFO" = "ERROR",
): Observability {
  const logger = new Logger({ serviceName, logLevel });
  return {
    logger,
    metrics: disabledMetrics(serviceName, DEFAULT_METRICS_NAMESPACE, logger),
  };
}
