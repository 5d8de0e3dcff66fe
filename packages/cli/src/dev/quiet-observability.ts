// Powertools for `gantry dev`: the handlers keep their middleware, but logs stay quiet and no EMF is printed.
import { createQuietObservability } from "@gantry/functions/observability";

/** Logger at `logLevel` (default ERROR: only failures show), metrics and tracing off. */
export function quietObservability(logLevel: "SILENT" | "ERROR" | "INFO" = "ERROR") {
  return createQuietObservability("gantry-dev", logLevel);
}
