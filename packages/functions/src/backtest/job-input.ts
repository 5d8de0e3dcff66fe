// What a backtest job runs, decided when the API starts it: an uploaded trace as sent (read now with the sim's
// trace readers only, so a bad upload is the request's 400, not a Failed job), or the queue's recorded history,
// read now. Only targets whose policies watch an SQS queue can be replayed.
import { isLiveMetric, type MetricsPort, type TargetConfig, ValidationError } from "@gantry/core";
import { historyWindow, readQueueHistory } from "@gantry/runtime/operator";
import { parseUploadedTrace } from "../trace-upload.ts";
import type { BacktestInput, BacktestOptions, UploadedTrace } from "./backtest-input.ts";

/** `POST …/simulate`'s body: exactly one of `trace` and `history`. */
export interface BacktestRequest extends BacktestOptions {
  trace?: UploadedTrace | undefined;
  history?: { from?: number | undefined; to?: number | undefined } | undefined;
}

export async function backtestInput(
  deps: { metricData?: MetricsPort | undefined; clock: { now(): number } },
  config: TargetConfig,
  request: BacktestRequest,
): Promise<BacktestInput> {
  checkSimulable(config);
  const { sloSeconds, taskStartupSeconds } = request;
  if (request.trace) {
    parseUploadedTrace(request.trace);
    const options = { sloSeconds, taskStartupSeconds, processingTimeSeconds: request.processingTimeSeconds };
    return { config, options, trace: { uploaded: request.trace } };
  }
  const window = historyWindow(request.history ?? {}, deps.clock.now());
  const recorded = await readQueueHistory(deps.metricData, config, window);
  const processingTimeSeconds = request.processingTimeSeconds ?? policyProcessing(config);
  return { config, options: { sloSeconds, taskStartupSeconds, processingTimeSeconds }, trace: { recorded } };
}

/** The simulator replays the trace into one SQS queue: only live SQS policies can see it. */
function checkSimulable(config: TargetConfig): void {
  if (config.target.maxCapacity < 1) {
    throw new ValidationError("is 0: no task could ever run in the simulation", "target.maxCapacity");
  }
  if (!config.policies.some((p) => isLiveMetric(p.metric))) {
    throw new ValidationError(
      "the target has no sqs or sqsUtilization policy; the simulator replays the trace through an SQS queue",
      "policies",
    );
  }
}

/** For recorded history, which has no durations: the processing time the target's sqsUtilization policy states. */
function policyProcessing(config: TargetConfig): number | undefined {
  for (const { metric } of config.policies) {
    if ("sqsUtilization" in metric) return metric.sqsUtilization.processingSeconds;
  }
  return undefined;
}
