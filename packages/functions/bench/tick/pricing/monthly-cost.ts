// A simulated period's usage, priced per month and per 1,000 targets.
import { HOURS_PER_MONTH, PRICES } from "./prices.ts";

export interface PeriodUsage {
  /** Simulated hours the counts cover. */
  hours: number;
  targets: number;
  getMetricDataMetrics: number;
  sqsRequests: number;
  readUnits: number;
  writeUnits: number;
  lambdaInvocations: number;
  lambdaGbSeconds: number;
  putEventsEntries: number;
  schedulerInvocations: number;
  /** Standing for the whole period: alarms and custom metrics are billed per month they exist. */
  alarms: number;
  customMetrics: number;
  logBytes: number;
}

export interface MonthlyCost {
  cloudwatch: number;
  sqs: number;
  dynamodb: number;
  lambda: number;
  eventbridge: number;
  total: number;
}

export interface CloudWatchParts {
  getMetricData: number;
  alarms: number;
  customMetrics: number;
  logs: number;
}

/** Custom metrics are priced in tiers over the account's whole count. */
export function customMetricsMonthly(count: number): number {
  let usd = 0;
  let from = 0;
  for (const tier of PRICES.customMetricMonthTiers) {
    const inTier = Math.max(0, Math.min(count, tier.upTo) - from);
    usd += inTier * tier.usd;
    from = tier.upTo;
  }
  return usd;
}

/** Per month for the whole fleet, CloudWatch split into its parts. */
export function monthlyParts(usage: PeriodUsage): { cost: MonthlyCost; cloudwatch: CloudWatchParts } {
  const month = HOURS_PER_MONTH / usage.hours;
  const cloudwatch: CloudWatchParts = {
    getMetricData: usage.getMetricDataMetrics * PRICES.getMetricDataPerMetric * month,
    alarms: usage.alarms * PRICES.alarmMonth,
    customMetrics: customMetricsMonthly(usage.customMetrics),
    logs: (usage.logBytes / 1e9) * PRICES.logsIngestedGb * month,
  };
  const parts = {
    cloudwatch: cloudwatch.getMetricData + cloudwatch.alarms + cloudwatch.customMetrics + cloudwatch.logs,
    sqs: usage.sqsRequests * PRICES.sqsRequest * month,
    dynamodb: (usage.readUnits * PRICES.dynamoReadUnit + usage.writeUnits * PRICES.dynamoWriteUnit) * month,
    lambda:
      (usage.lambdaGbSeconds * PRICES.lambdaArmGbSecond + usage.lambdaInvocations * PRICES.lambdaRequest) *
      month,
    eventbridge:
      (usage.putEventsEntries * PRICES.putEventsEntry +
        usage.schedulerInvocations * PRICES.schedulerInvocation) *
      month,
  };
  const total = parts.cloudwatch + parts.sqs + parts.dynamodb + parts.lambda + parts.eventbridge;
  return { cost: { ...parts, total }, cloudwatch };
}

const cents = (usd: number) => Math.round(usd * 100) / 100;

/** The pinned `monthlyUsdPer1000Targets`: per month, per 1,000 targets, in dollars to the cent. */
export function monthlyUsdPer1000Targets(usage: PeriodUsage): MonthlyCost {
  const { cost } = monthlyParts(usage);
  const per = 1_000 / usage.targets;
  return {
    cloudwatch: cents(cost.cloudwatch * per),
    sqs: cents(cost.sqs * per),
    dynamodb: cents(cost.dynamodb * per),
    lambda: cents(cost.lambda * per),
    eventbridge: cents(cost.eventbridge * per),
    total: cents(cost.total * per),
  };
}
