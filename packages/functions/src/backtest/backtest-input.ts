// What a backtest job runs, as the API stores it: plain JSON, no simulator types, so the api Lambda can write
// it without bundling the simulator.
import type { TargetConfig } from "@gantry/core";
import type { RecordedTrace } from "@gantry/runtime/operator";

export type { RecordedTrace };

export interface UploadedTrace {
  format: "counts" | "requests";
  csv: string;
}

export interface BacktestOptions {
  sloSeconds?: number | undefined;
  taskStartupSeconds?: number | undefined;
  processingTimeSeconds?: number | undefined;
}

export interface BacktestInput {
  /** The target's config when the job was created. */
  config: TargetConfig;
  options: BacktestOptions;
  trace: { uploaded: UploadedTrace } | { recorded: RecordedTrace };
}

/** The `backtest` function's event. */
export interface BacktestEvent {
  jobId: string;
}
