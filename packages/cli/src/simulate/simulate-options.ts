// `gantry simulate`'s parsed options, apart from the runners so that run-simulate and run-cluster share them
// without importing each other.
import { subTickIntervalSeconds, type TraceFormat } from "@gantry/sim";

export const CLUSTERS = ["fargate", "ec2"] as const;
export type ClusterName = (typeof CLUSTERS)[number];

/** The options as Commander hands them over, already checked value by value (value-parsers.ts). */
export interface SimulateOptions {
  readonly trace: string;
  readonly traceFormat?: TraceFormat;
  readonly from?: string;
  readonly to?: string;
  readonly function?: string;
  readonly scale: number;
  readonly seed: number;
  readonly scaler: string;
  readonly config?: string;
  readonly slo: number;
  readonly taskStartup: number;
  readonly processingTime?: number;
  readonly concurrency: number;
  readonly visibilityTimeout: number;
  /** False with --no-scale-in-protection: busy tasks stop mid-message on scale-in. */
  readonly scaleInProtection?: boolean;
  /** --minimum-billed: shortest billed lifetime of a task (Fargate: 60). */
  readonly minimumBilled: number;
  /** --sub-tick: seconds between gantry's passes (the deploy's SUB_TICK_SECONDS); undefined: 15. */
  readonly subTick?: number;
  readonly min: number;
  readonly max: number;
  readonly json?: boolean;
  readonly plot?: string;
  readonly progress?: boolean;
  readonly cluster?: ClusterName;
  readonly instanceTypeCpu?: number;
  readonly instanceTypeMemory?: number;
  readonly taskCpu?: number;
  readonly taskMemory?: number;
  readonly instanceLaunch?: number;
}

/** Seconds between gantry's passes for `--sub-tick` (0: one pass a minute, as SUB_TICK_SECONDS=0 deploys it). */
export function gantryInterval(options: Pick<SimulateOptions, "subTick">): { intervalSeconds?: number } {
  if (options.subTick === undefined) return {};
  return { intervalSeconds: subTickIntervalSeconds(options.subTick) };
}
