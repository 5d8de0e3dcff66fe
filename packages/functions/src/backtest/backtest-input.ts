// What a backtest job runs, as the API stores it: plain JSON, no simulator types, so the api Lambda can write
// it without bundling the simulator.
import type { TargetConfig } from "@gantry/core";

export interface UploadedTrace {
  format: "counts" | "requests";
  csv: string;
}

/** A queue's recorded arrivals, read by the API from CloudWatch: messages per `bucketSeconds`. */
export interface RecordedTrace {
  name: string;
  description: string;
  bucketSeconds: number;
  counts: number[];
  startTime: string;
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
