import * as z from "zod";
import { CapacitySchema, TimestampSchema } from "./common.ts";

const DatapointSchema = z.strictObject({ timestamp: TimestampSchema, value: z.number() });
export type Datapoint = z.output<typeof DatapointSchema>;

const QueueDepthSchema = z.strictObject({
  visible: z.number().int().nonnegative(),
  inFlight: z.number().int().nonnegative().default(0),
  delayed: z.number().int().nonnegative().default(0),
});
export type QueueDepth = z.output<typeof QueueDepthSchema>;

/** What the runtime saw at `now`: ECS counts, CloudWatch datapoints per policy, SQS depths per queue. */
export const ObservationSchema = z.strictObject({
  runningCount: CapacitySchema,
  desiredCount: CapacitySchema,
  pendingCount: CapacitySchema.default(0),
  deploymentInProgress: z.boolean().default(false),
  /** The service is still a scalable target of Application Auto Scaling (ECS namespace). */
  managedByApplicationAutoScaling: z.boolean().optional(),
  /** CloudWatch-backed policies: datapoints per policy name, oldest first. */
  metrics: z.record(z.string(), z.array(DatapointSchema).max(1440)).default({}),
  /** sqs policies: queue attributes sampled at `now`, per queue URL. */
  queues: z.record(z.string(), QueueDepthSchema).default({}),
});

export type Observation = z.output<typeof ObservationSchema>;
