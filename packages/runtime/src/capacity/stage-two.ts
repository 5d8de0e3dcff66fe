import { randomBytes } from "node:crypto";
import type { TargetRecord } from "@gantry/core";
import { errorInfo } from "../error-info.ts";
import type { ReconcileLogger, ReconcileOptions, ReconcilerDeps } from "../reconciler-types.ts";
import type { TargetResult } from "../target-run.ts";
import type { CapacityStageDeps } from "./capacity-stage-deps.ts";
import { type CapacityStageResult, runCapacityStage } from "./run-capacity-stage.ts";

/**
 * Stage 2, in the same pass right after stage 1, so instances are ordered the moment desired counts rise. An
 * alarm pass reconciled only some targets: the groups they name are planned with all their targets' services.
 * Whatever happens here, stage 1's outcomes stand.
 */
export async function runStageTwo(
  deps: ReconcilerDeps,
  options: ReconcileOptions,
  records: readonly TargetRecord[],
  results: readonly TargetResult[],
  cutoff: number,
  log: ReconcileLogger,
  onSnapshot?: CapacityStageDeps["onSnapshot"],
): Promise<CapacityStageResult | undefined> {
  if (!deps.capacity || !records.some((r) => r.config.target.capacity)) return undefined;
  if (deps.clock.now() >= cutoff) {
    log.warn("no time left for the capacity stage; the next pass will");
    return undefined;
  }
  try {
    const all = options.targetIds === undefined ? records : (await deps.store.listTargets()).records;
    const stage = await runCapacityStage(
      all.map((r) => r.config),
      results.map((r) => r.outcome),
      {
        ...deps.capacity,
        ecs: deps.ecs,
        activities: deps.store,
        clock: deps.clock,
        log,
        randomId: deps.randomId ?? (() => randomBytes(4).toString("hex")),
        ...(options.trigger && { trigger: options.trigger }),
        ...(onSnapshot && { onSnapshot }),
      },
    );
    reportCapacity(deps, stage, log);
    return stage;
  } catch (error) {
    log.error("capacity stage failed", errorInfo(error));
    deps.telemetry?.record("CapacityFailures", 1, "Count");
    return undefined;
  }
}

function reportCapacity(deps: ReconcilerDeps, stage: CapacityStageResult, log: ReconcileLogger): void {
  for (const o of stage.outcomes) {
    const fields = { ...o, reasons: o.reasons.map((r) => r.code) };
    if (o.status === "Failed") log.error("capacity failed", fields);
    else log.info("capacity reconciled", fields);
    if (o.status !== "Failed") deps.telemetry?.record("DesiredInstances", o.toInstances, "None", o.targetId);
  }
  const count = (test: (o: (typeof stage.outcomes)[number]) => boolean) => stage.outcomes.filter(test).length;
  const done = (action: string) => (o: (typeof stage.outcomes)[number]) =>
    o.status === "Successful" && o.action === action;
  deps.telemetry?.record("CapacityScaleOuts", count(done("ScaleOut")), "Count");
  deps.telemetry?.record("CapacityScaleIns", count(done("ScaleIn")), "Count");
  deps.telemetry?.record(
    "CapacityFailures",
    count((o) => o.status === "Failed"),
    "Count",
  );
}
