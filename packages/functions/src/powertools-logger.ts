import type { Logger } from "@aws-lambda-powertools/logger";
import type { ReconcileLogger } from "@gantry/runtime";

/**
 * The reconciler's logger over Powertools: one structured JSON line per call. The reconciler's fields become
 * top-level keys, so a line about one target carries `targetId` and CloudWatch Logs Insights can filter on
 * it; errors among the fields are formatted by Powertools (name, message, stack).
 */
export function toReconcileLogger(logger: Logger): ReconcileLogger {
  return {
    info: (message, fields) => logger.info(message, withTargetKey(fields)),
    warn: (message, fields) => logger.warn(message, withTargetKey(fields)),
    error: (message, fields) => logger.error(message, withTargetKey(fields)),
  };
}

/** `targetId` is the key every per-target line is searched by; it is kept first and only when it is a string. */
function withTargetKey(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!fields) return {};
  const { targetId, ...rest } = fields;
  return typeof targetId === "string" ? { targetId, ...rest } : fields;
}
