import * as z from "zod";
import { checkMathExpression } from "./metric-math.ts";

export const PREDEFINED_METRICS = [
  "ECSServiceAverageCPUUtilization",
  "ECSServiceAverageMemoryUtilization",
  "ALBRequestCountPerTarget",
] as const;

const PredefinedMetricSchema = z
  .strictObject({
    predefined: z.enum(PREDEFINED_METRICS),
    resourceLabel: z.string().min(1).max(1023).optional(),
  })
  .refine((m) => m.predefined !== "ALBRequestCountPerTarget" || m.resourceLabel !== undefined, {
    message: "ALBRequestCountPerTarget needs resourceLabel (app/<lb>/<id>/targetgroup/<tg>/<id>)",
    path: ["resourceLabel"],
  });

/** Backlog per running task, read live with GetQueueAttributes rather than from delayed CloudWatch data. */
const SqsMetricSchema = z.strictObject({
  sqs: z.strictObject({
    queueUrl: z.url(),
    countInFlight: z.boolean().default(true),
    countDelayed: z.boolean().default(false),
  }),
});

/**
 * Ours: the share of the running worker slots that the queue's work needs now, in percent — messages in flight,
 * plus the visible backlog as the task-seconds it takes (× processingSeconds) spread over `drainSeconds`.
 * Unlike backlog per task, it tracks throughput: a fleet at 80 % target runs 25 % headroom and drains any
 * queue within drainSeconds, whatever the processing time.
 */
const SqsUtilizationMetricSchema = z.strictObject({
  sqsUtilization: z.strictObject({
    queueUrl: z.url(),
    processingSeconds: z.number().gt(0).max(43_200),
    drainSeconds: z.number().gt(0).max(43_200).default(30),
    /** Messages one task works on at once. */
    concurrency: z.number().int().min(1).max(10_000).default(1),
    countDelayed: z.boolean().default(false),
  }),
});

const DimensionSchema = z.strictObject({
  name: z.string().min(1).max(255),
  value: z.string().min(1).max(1024),
});

export const CloudWatchMetricStatSchema = z.strictObject({
  namespace: z.string().min(1).max(255),
  metricName: z.string().min(1).max(255),
  dimensions: z.array(DimensionSchema).max(30).optional(),
  statistic: z
    .string()
    .regex(
      /^(Average|Minimum|Maximum|Sum|SampleCount|(p|tm|tc|ts|wm|PR|TM|TC|TS)\d{1,2}(\.\d+)?)$/,
      "use Average, Minimum, Maximum, Sum, SampleCount or a percentile such as p90",
    ),
  unit: z.string().min(1).optional(),
});

const CloudWatchMetricSchema = z.strictObject({ cloudwatch: CloudWatchMetricStatSchema });

const MathMetricSchema = z.strictObject({
  math: z
    .strictObject({
      expression: z.string().min(1).max(2048),
      metrics: z
        .array(
          z.strictObject({
            id: z.string().regex(/^[a-z][A-Za-z0-9_]*$/, "ids start with a lowercase letter"),
            cloudwatch: CloudWatchMetricStatSchema,
          }),
        )
        .min(1)
        .max(10),
    })
    .refine((m) => new Set(m.metrics.map((x) => x.id)).size === m.metrics.length, {
      message: "metric ids must be unique",
      path: ["metrics"],
    })
    .superRefine((m, ctx) => {
      const problem = checkMathExpression(
        m.expression,
        m.metrics.map((x) => x.id),
      );
      if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["expression"] });
    }),
});

export const MetricSpecSchema = z.union([
  PredefinedMetricSchema,
  SqsMetricSchema,
  SqsUtilizationMetricSchema,
  CloudWatchMetricSchema,
  MathMetricSchema,
]);

export type MetricSpec = z.output<typeof MetricSpecSchema>;
export type SqsMetric = z.output<typeof SqsMetricSchema>;
export type SqsUtilizationMetric = z.output<typeof SqsUtilizationMetricSchema>;
/** Metrics read live from SQS at each decision rather than from CloudWatch datapoints. */
export type LiveMetric = SqsMetric | SqsUtilizationMetric;

export function isLiveMetric(metric: MetricSpec): metric is LiveMetric {
  return "sqs" in metric || "sqsUtilization" in metric;
}

export function liveQueueUrl(metric: LiveMetric): string {
  return "sqs" in metric ? metric.sqs.queueUrl : metric.sqsUtilization.queueUrl;
}

/** The queue a metric reads live at each decision, or undefined for CloudWatch-backed metrics. */
export function liveQueueOf(metric: MetricSpec): string | undefined {
  return isLiveMetric(metric) ? liveQueueUrl(metric) : undefined;
}

/** The first queue a target's policies read live: the target's queue for charts and backtests. */
export function firstLiveQueueOf(policies: readonly { metric: MetricSpec }[]): string | undefined {
  for (const { metric } of policies) {
    const url = liveQueueOf(metric);
    if (url !== undefined) return url;
  }
  return undefined;
}

/** CloudWatch's QueueName dimension for a queue URL: its last path segment. */
export function queueNameOf(queueUrl: string): string {
  return queueUrl.split("/").filter(Boolean).at(-1) ?? queueUrl;
}
