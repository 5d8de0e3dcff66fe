// Powertools for `gantry dev`: the handlers keep their middleware, but logs stay quiet and no EMF is printed.
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";

/** Powertools Metrics reads POWERTOOLS_METRICS_DISABLED when it is built: set it for this instance only. */
function disabledMetrics(): Metrics {
  const previous = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = "true";
  try {
    return new Metrics({ serviceName: "gantry-dev", namespace: "GantryDev" });
  } finally {
    if (previous === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = previous;
  }
}

/** Logger at `logLevel` (default ERROR: only failures show), metrics and tracing off. */
export function quietObservability(logLevel: "SILENT" | "ERROR" | "INFO" = "ERROR") {
  return {
    logger: new Logger({ serviceName: "gantry-dev", logLevel }),
    metrics: disabledMetrics(),
    tracer: new Tracer({ serviceName: "gantry-dev", enabled: false }),
  };
}
