// Zod schemas of the API-only payloads. The config payloads are the core's own schemas; these wrap them for
// the routes, and openapi.ts documents both from the same objects.
import {
  ACTIVITY_STATUSES,
  type Activity,
  DecisionRecordSchema,
  REASON_CODES,
  TargetConfigSchema,
  TargetSchema,
  TargetTrackingPolicySchema,
} from "@gantry/core";
import type {
  CapacityGroupListing,
  CapacityPoint,
  DesiredCountResult,
  SeriesPoint,
} from "@gantry/runtime/operator";
import type { SimulationReport } from "@gantry/sim/report";
import { z } from "zod";

/** One part of `service/<cluster>/<service>`, as the core's target id pattern allows it. */
const SegmentSchema = z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, "use 1–255 letters, digits, '_' or '-'");
const CapacitySchema = TargetSchema.shape.minCapacity;

export const TargetParamsSchema = z.strictObject({ cluster: SegmentSchema, service: SegmentSchema });
/** Policy and scheduled-action names follow the core's rule (URL-safe). */
export const NamedParamsSchema = TargetParamsSchema.extend({ name: TargetTrackingPolicySchema.shape.name });

const SuspendFlag = z.boolean().optional();
/** Which directions to suspend or resume: at least one set to true. */
export const SuspendBodySchema = z
  .strictObject({
    dynamicScalingIn: SuspendFlag,
    dynamicScalingOut: SuspendFlag,
    scheduledScaling: SuspendFlag,
  })
  .refine((b) => b.dynamicScalingIn === true || b.dynamicScalingOut === true || b.scheduledScaling === true, {
    message: "set at least one of dynamicScalingIn, dynamicScalingOut, scheduledScaling to true",
  });

export const DryRunBodySchema = z.strictObject({ dryRun: z.boolean() });
export const DesiredCountBodySchema = z.strictObject({ desiredCount: CapacitySchema });

/** A whole number in a query string. */
function integerParam(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,9}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

export const MAX_ACTIVITY_PAGE = 200;
export const ActivitiesQuerySchema = z.object({
  limit: integerParam(1, MAX_ACTIVITY_PAGE).optional(),
  cursor: z.string().min(1).max(2048).optional(),
});

/** An instant in a query string: epoch milliseconds, or ISO-8601 with an offset. */
const InstantParam = z.string().transform((text, ctx) => {
  const ms = /^\d{1,15}$/.test(text) ? Number(text) : isoMs(text);
  if (ms === undefined) {
    ctx.addIssue({
      code: "custom",
      message: "expected epoch milliseconds or an ISO-8601 time with an offset",
    });
    return z.NEVER;
  }
  return ms;
});

function isoMs(text: string): number | undefined {
  if (!z.iso.datetime({ offset: true }).safeParse(text).success) return undefined;
  return Date.parse(text);
}

export const SeriesQuerySchema = z.object({ from: InstantParam.optional(), to: InstantParam.optional() });

/** An instant in a JSON body: epoch milliseconds, or ISO-8601 with an offset. */
const InstantField = z.union([
  z.number().int().min(0).max(8_640_000_000_000_000),
  z.iso.datetime({ offset: true }).transform((text) => Date.parse(text)),
]);

export const SimulateBodySchema = z
  .strictObject({
    trace: z
      .strictObject({
        format: z.enum(["counts", "requests"]),
        /** `time,count` rows (counts) or `time[,duration_s]` rows (requests), as `gantry simulate` reads them. */
        csv: z.string().min(1),
      })
      .optional(),
    /** Replay what the target's queue received per minute (CloudWatch), from `from` (default: a day before `to`) to `to` (default: now). */
    history: z.strictObject({ from: InstantField.optional(), to: InstantField.optional() }).optional(),
    sloSeconds: z.number().gt(0).max(86_400).optional(),
    taskStartupSeconds: z.number().min(0).max(3_600).optional(),
    processingTimeSeconds: z.number().gt(0).max(43_200).optional(),
  })
  .refine((body) => (body.trace === undefined) !== (body.history === undefined), {
    message: "give exactly one of trace (an uploaded trace) and history (the queue's recorded arrivals)",
    path: ["trace"],
  });

// Responses.

export const ErrorBodySchema = z.strictObject({
  error: z.strictObject({ code: z.string(), message: z.string(), field: z.string().nullable() }),
});

const CountSchema = z.number().int().nonnegative();

/** The counts shown for a target: live from ECS, else those its last decision observed. */
export const CountsSchema = z.strictObject({
  desiredCount: CountSchema,
  runningCount: CountSchema,
  pendingCount: CountSchema,
  source: z.enum(["ecs", "lastDecision"]),
  /** When they were read, epoch ms. */
  at: z.number().int(),
});

export const TargetViewSchema = z.strictObject({
  id: z.string(),
  version: z.number().int(),
  updatedAt: z.number().int(),
  config: TargetConfigSchema,
  counts: CountsSchema.nullable(),
  lastDecision: DecisionRecordSchema.nullable(),
  /** True when live counts were wanted but ECS failed or did not know the service. */
  stale: z.boolean(),
});
export type TargetView = z.output<typeof TargetViewSchema>;

/** A stored target that could not be read: not in `items`, not scaled; GET …/raw shows it, PUT or DELETE fixes it. */
export const TargetProblemSchema = z.strictObject({
  id: z.string(),
  code: z.literal("CorruptItem"),
  message: z.string(),
});

export const TargetListSchema = z.strictObject({
  items: z.array(TargetViewSchema),
  stale: z.boolean(),
  /** The error code of the failed ECS call when `stale`. */
  staleReason: z.string().optional(),
  /** The stored targets that no longer parse (empty when all do). */
  problems: z.array(TargetProblemSchema),
});

/** A target's item as stored, whether it parses or not. */
export const RawTargetSchema = z.strictObject({
  id: z.string(),
  /** The config version (for If-Match), or null when the stored one is not a valid version. */
  version: z.number().int().nullable(),
  /** The stored attributes (config, state, lastDecision, version, stateVersion, updatedAt), keys removed. */
  item: z.record(z.string(), z.unknown()),
});

export const ActivitySchema = z.strictObject({
  targetId: z.string(),
  activityId: z.string(),
  startTime: z.number(),
  endTime: z.number().optional(),
  status: z.enum(ACTIVITY_STATUSES),
  statusMessage: z.string(),
  action: z.enum(["ScaleOut", "ScaleIn", "None"]),
  fromCapacity: z.number(),
  toCapacity: z.number(),
  reasons: z.array(
    z.strictObject({ code: z.enum(REASON_CODES), message: z.string(), policy: z.string().optional() }),
  ),
  dryRun: z.boolean(),
  cause: z.string(),
  /** Identical consecutive failures collapsed into this activity (absent: one). */
  count: z.number().int().positive().optional(),
}) satisfies z.ZodType<Activity>;

export const ActivityPageSchema = z.strictObject({
  items: z.array(ActivitySchema),
  nextCursor: z.string().optional(),
});

/** A capacity provider's or Auto Scaling group's name, as targets' `capacity.name` holds it. */
export const CapacityParamsSchema = z.strictObject({ name: z.string().min(1).max(255) });

/** A group the second stage sizes: the targets whose `capacity` block names it, and its latest activity. */
export const CapacityGroupSchema = z.strictObject({
  name: z.string(),
  mode: z.enum(["asg", "capacityProvider"]),
  /** The targets (services) whose `capacity.name` is this group. */
  targetIds: z.array(z.string()),
  /**
   * Its newest scale-out or scale-in among its 25 newest capacity activities (target id `capacity/<name>`), else
   * its newest activity (e.g. a protection change); null before the first.
   */
  lastActivity: ActivitySchema.nullable(),
}) satisfies z.ZodType<CapacityGroupListing>;

export const CapacityListSchema = z.strictObject({ items: z.array(CapacityGroupSchema) });

export const DesiredCountResultSchema = z.strictObject({
  targetId: z.string(),
  requestedDesiredCount: CountSchema,
  desiredCount: CountSchema,
  previousDesiredCount: CountSchema,
  clamped: z.boolean(),
  message: z.string(),
  activity: ActivitySchema,
}) satisfies z.ZodType<DesiredCountResult>;

const Reading = z.number().nullable();
export const SeriesPointSchema = z.strictObject({
  at: z.number(),
  desired: Reading,
  running: Reading,
  pending: Reading,
  metric: Reading,
  target: Reading,
  backlog: Reading,
}) satisfies z.ZodType<SeriesPoint>;

export const CapacityPointSchema = z.strictObject({
  at: z.number(),
  desired: Reading,
  inService: Reading,
  pending: Reading,
  draining: Reading,
  protected: Reading,
}) satisfies z.ZodType<CapacityPoint>;

export const CapacitySeriesResponseSchema = z.strictObject({
  name: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  periodSeconds: z.number().int(),
  points: z.array(CapacityPointSchema),
});

export const SeriesResponseSchema = z.strictObject({
  targetId: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  periodSeconds: z.number().int(),
  points: z.array(SeriesPointSchema),
});

/** `gantry simulate --json`: the sim's report, field for field. */
export const SimulationReportSchema = z.strictObject({
  scaler: z.string(),
  trace: z.string(),
  messages: z.number(),
  sloSeconds: z.number(),
  withinSloPct: z.number(),
  p50WaitS: z.number(),
  p99WaitS: z.number(),
  maxWaitS: z.number(),
  maxBacklog: z.number(),
  taskSeconds: z.number(),
  fluidBoundTaskSeconds: z.number(),
  costRatio: z.number().nullable(),
  scalingActions: z.number(),
  firstScaleOutDelayS: z.number().nullable(),
  workTaskSeconds: z.number(),
  workRatio: z.number().nullable(),
  launches: z.number(),
  relaunchesWithin3Min: z.number(),
  relaunchesWithin3MinPct: z.number(),
}) satisfies z.ZodType<SimulationReport>;

/** A backtest job's id, as `POST …/simulate` makes them. */
export const JobParamsSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/, "is not a job id"),
});

/** `GET /simulations/{id}`: a backtest job; `report` once Succeeded, `error` (the error shape's) once Failed. */
export const BacktestJobSchema = z.strictObject({
  id: z.string(),
  targetId: z.string(),
  status: z.enum(["Pending", "Running", "Succeeded", "Failed"]),
  progress: z.number().min(0).max(1),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  report: SimulationReportSchema.optional(),
  error: z.strictObject({ code: z.string(), message: z.string(), field: z.string().nullable() }).optional(),
});

/** The OpenAPI document itself, loosely. */
export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  paths: z.record(z.string(), z.unknown()),
});
