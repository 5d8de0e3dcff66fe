// A target's recorded history as a trace to backtest on: the messages its queue received per minute
// (CloudWatch AWS/SQS NumberOfMessagesSent, Sum) over a window of the past. In AWS the MetricsPort is
// CloudWatch; under `gantry dev` it is the simulated account's CloudWatch.
import {
  firstLiveQueueOf,
  GantryError,
  type MetricsPort,
  queueNameOf,
  type TargetConfig,
  ValidationError,
} from "@gantry/core";
import { sqsQuery } from "./series-queries.ts";

/** What one backtest may replay: CloudWatch keeps 1-minute data 15 days, and a run replays every message. */
export const MAX_TRACE_SECONDS = 14 * 86_400;
export const MAX_TRACE_MESSAGES = 2_000_000;

const MINUTE = 60_000;
/** The window when the request names none: the last day. */
export const DEFAULT_HISTORY_MS = 86_400_000;

export interface HistoryWindow {
  from: number;
  to: number;
}

/** A queue's recorded arrivals: messages per `bucketSeconds`, from `startTime` (ISO-8601). Plain JSON. */
export interface RecordedTrace {
  name: string;
  description: string;
  bucketSeconds: number;
  counts: number[];
  startTime: string;
}

/**
 * The window in whole minutes: `to` defaults to now, `from` to a day before `to`; never in the future. Errors
 * name the request's fields (`history.from`, `history.to`).
 */
export function historyWindow(
  history: { from?: number | undefined; to?: number | undefined },
  now: number,
): HistoryWindow {
  const to = floorMinute(history.to ?? now);
  const from = floorMinute(history.from ?? to - DEFAULT_HISTORY_MS);
  if (history.to !== undefined && history.to > now) {
    throw new ValidationError("is in the future: only recorded history can be replayed", "history.to");
  }
  if (from >= to) throw new ValidationError("must be at least a minute before history.to", "history.from");
  if (to - from > MAX_TRACE_SECONDS * 1000) {
    throw new ValidationError(
      `is more than ${MAX_TRACE_SECONDS / 86_400} days before history.to (CloudWatch keeps 1-minute data 15 days)`,
      "history.from",
    );
  }
  return { from, to };
}

/** The messages sent to the target's queue per minute of `window` (NotConfigured without a metrics source). */
export async function readQueueHistory(
  metrics: MetricsPort | undefined,
  config: TargetConfig,
  window: HistoryWindow,
): Promise<RecordedTrace> {
  if (!metrics) throw new GantryError("NotConfigured", "this API has no metrics source to read history from");
  const queueUrl = firstLiveQueueOf(config.policies);
  if (queueUrl === undefined) {
    throw new ValidationError("the target has no sqs or sqsUtilization policy to name its queue", "policies");
  }
  const queueName = queueNameOf(queueUrl);
  const sent = sqsQuery("sent", queueUrl, "NumberOfMessagesSent", 60, true, "Sum");
  const data = await metrics.getMetricData([sent], { start: window.from, end: window.to });
  // Absent, not empty: CloudWatch could not answer the query (Forbidden, InternalError), which is no history.
  if (data.sent === undefined) {
    const message = `cloudwatch:GetMetricData could not read NumberOfMessagesSent of queue ${queueName}`;
    throw new GantryError("UpstreamFailed", message);
  }
  const counts = perMinute(data.sent, window);
  const messages = counts.reduce((a, b) => a + b, 0);
  const between = `between ${iso(window.from)} and ${iso(window.to)}`;
  if (messages === 0) {
    throw new ValidationError(`queue ${queueName} recorded no messages sent ${between}`, "history");
  }
  if (messages > MAX_TRACE_MESSAGES) {
    throw new ValidationError(
      `${messages} messages, over the ${MAX_TRACE_MESSAGES} a run may replay`,
      "history",
    );
  }
  return {
    name: `history:${queueName}`,
    description: `messages sent to ${queueName} per minute, ${iso(window.from)} – ${iso(window.to)}`,
    bucketSeconds: 60,
    counts: Array.from(counts),
    startTime: iso(window.from),
  };
}

/** One bucket per minute of the window; minutes with no datapoint count 0 (CloudWatch omits idle minutes). */
function perMinute(points: readonly { timestamp: number; value: number }[], window: HistoryWindow) {
  const counts = new Float64Array((window.to - window.from) / MINUTE);
  for (const { timestamp, value } of points) {
    const k = Math.floor((timestamp - window.from) / MINUTE);
    if (k >= 0 && k < counts.length) counts[k] = (counts[k] ?? 0) + value;
  }
  return counts;
}

function floorMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
