import type { Datapoint, QueueDepth, ServiceSnapshot } from "@gantry/core";

/** CloudWatch metrics the simulated account publishes (1-minute aggregates, delivered late). */
export type SimMetricName =
  | "ApproximateNumberOfMessagesVisible"
  | "ApproximateNumberOfMessagesNotVisible"
  | "ApproximateNumberOfMessagesDelayed"
  | "NumberOfMessagesSent"
  | "RunningTaskCount";

/** What a scaler may read from CloudWatch: the SQS and task-count metrics, and ECS CPUUtilization (Average). */
export type ScalerMetricName = SimMetricName | "CPUUtilization";

/** What a scaler may look at when it runs: the same things the real one could read from AWS. */
export interface ScalerView {
  /** Virtual time, epoch milliseconds. */
  readonly now: number;
  /** ECS DescribeServices for the one service under test. */
  readonly service: ServiceSnapshot;
  /** SQS GetQueueAttributes for its queue, approximate as SQS reports them. */
  readonly queue: QueueDepth;
  /**
   * CloudWatch 1-minute datapoints published by `now` (so already delayed), oldest first, with timestamps at
   * period starts. Statistic: Average for the SQS gauges, Sum for NumberOfMessagesSent, Average for tasks and
   * CPU.
   */
  cloudwatch(metric: ScalerMetricName, sinceMs: number): Datapoint[];
}

/** A scaling algorithm under test: runs every `intervalSeconds` of virtual time and may set a desired count. */
export interface Scaler {
  readonly name: string;
  readonly intervalSeconds: number;
  /** The desired count to set now, or undefined to leave it. Called with a fresh view each interval. */
  step(view: ScalerView): number | undefined;
}

/** Limits every scaler shares in a run, so comparisons are fair. */
export interface ScalerBounds {
  minCapacity: number;
  maxCapacity: number;
}
