import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";

/** The three Powertools utilities a handler uses; one set per module, reused across invocations. */
export interface Observability {
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
}

/** Used when POWERTOOLS_METRICS_NAMESPACE is unset, so the EMF flush never lacks a namespace. */
export const DEFAULT_METRICS_NAMESPACE = "Gantry";
/** Used when POWERTOOLS_SERVICE_NAME is unset: the `service` key in logs and the `service` metrics dimension. */
export const DEFAULT_SERVICE_NAME = "gantry";

/**
 * Powertools reads its own POWERTOOLS_* variables; these fallbacks only fill what is missing. Tracing follows
 * POWERTOOLS_TRACE_ENABLED (tests set it to false; outside Lambda the Tracer also disables itself).
 */
export function createObservability(
  given: Partial<Observability> = {},
  env: NodeJS.ProcessEnv = process.env,
): Observability {
  const serviceName = env.POWERTOOLS_SERVICE_NAME || DEFAULT_SERVICE_NAME;
  const namespace = env.POWERTOOLS_METRICS_NAMESPACE || DEFAULT_METRICS_NAMESPACE;
  return {
    logger: given.logger ?? new Logger({ serviceName }),
    metrics: given.metrics ?? new Metrics({ serviceName, namespace }),
    tracer: given.tracer ?? new Tracer({ serviceName }),
  };
}
