// AWS list prices, us-east-1, free tiers ignored, as of 2024-11 (DynamoDB on-demand after its 2024-11-01
// price cut). Taken from AWS's pricing pages then; not re-fetched by the bench (it runs offline).

export const PRICES_AS_OF = "2024-11";

export const PRICES = {
  /** CloudWatch GetMetricData, per metric requested. */
  getMetricDataPerMetric: 0.01 / 1_000,
  /** CloudWatch standard-resolution metric alarm, per alarm-month. */
  alarmMonth: 0.1,
  /** CloudWatch custom metrics (EMF), per metric-month: the first 10,000, then the next 240,000. */
  customMetricMonthTiers: [
    { upTo: 10_000, usd: 0.3 },
    { upTo: 250_000, usd: 0.1 },
    { upTo: Number.POSITIVE_INFINITY, usd: 0.05 },
  ],
  /** CloudWatch Logs ingestion (standard class), per GB. */
  logsIngestedGb: 0.5,
  /** SQS standard queue requests (GetQueueAttributes), per request. */
  sqsRequest: 0.4 / 1_000_000,
  /** DynamoDB on-demand, per write and read request unit. */
  dynamoWriteUnit: 0.625 / 1_000_000,
  dynamoReadUnit: 0.125 / 1_000_000,
  /** Lambda on arm64, per GB-second, and per request. */
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1_000_000,
  /** EventBridge custom events (PutEvents entries, 64 KB each) and EventBridge Scheduler invocations. */
  putEventsEntry: 1 / 1_000_000,
  schedulerInvocation: 1 / 1_000_000,
} as const;

export const HOURS_PER_MONTH = 730;
