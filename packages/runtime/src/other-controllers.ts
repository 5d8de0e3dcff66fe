import type { TargetRecord } from "@gantry/core";
import { errorInfo } from "./error-info.ts";
import type { ReconcileLogger, ReconcilerDeps } from "./reconciler-types.ts";

const NONE: ReadonlySet<string> = new Set();

/**
 * The services of this pass that Application Auto Scaling still scales. Asked only when a target of the pass has
 * not said `takeOver`. When the answer cannot be had (the adapter already serves its last answer for a while),
 * the pass scales as if none were registered: an AAS outage must not stop the fleet. That is logged and counted
 * (ApplicationAutoScalingCheckFailures), never silent.
 */
export async function servicesManagedElsewhere(
  deps: Pick<ReconcilerDeps, "applicationAutoScaling" | "telemetry">,
  records: readonly TargetRecord[],
  log: ReconcileLogger,
): Promise<ReadonlySet<string>> {
  const port = deps.applicationAutoScaling;
  if (!port || records.every((r) => r.config.target.takeOver)) return NONE;
  try {
    return await port.registeredServices();
  } catch (error) {
    log.error(
      "could not read Application Auto Scaling's scalable targets; scaling as if none were registered",
      {
        ...errorInfo(error),
      },
    );
    deps.telemetry?.record("ApplicationAutoScalingCheckFailures", 1, "Count");
    return NONE;
  }
}
