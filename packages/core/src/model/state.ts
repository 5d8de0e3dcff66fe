import * as z from "zod";
import { NeedHistorySchema } from "./need-history.ts";
import { OfferedLoadSchema } from "./offered-load.ts";
import { REASON_CODES } from "./reason-codes.ts";

export const STATE_VERSION = 1;

const Instant = z.number().int().nonnegative();
const Count = z.number().int();

/** A live metric's run lengths: since when it has been continuously above / below each threshold. */
const LiveRunSchema = z.strictObject({
  lastAt: Instant,
  outSince: Instant.optional(),
  inSince: Instant.optional(),
  /** sqsUtilization: the queue as last seen ([visible, in flight]) and the backlog's smoothed growth (messages/s). */
  depth: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).optional(),
  rate: z.number().optional(),
});

/**
 * A change claimed before UpdateService and not yet settled. Written by the runtime with the claim, not by the
 * core: a pass cut at any await, or an UpdateService whose outcome is unknown (a timeout, a 5xx after commit),
 * leaves it behind, and the next pass settles its activity from the service's real desired count instead of
 * rolling the state back into a second step.
 */
const PendingChangeSchema = z.strictObject({
  activityId: z.string().min(1),
  startTime: Instant,
  action: z.enum(["ScaleOut", "ScaleIn"]),
  fromCapacity: z.number().int().nonnegative(),
  toCapacity: z.number().int().nonnegative(),
  cause: z.string(),
  reasons: z
    .array(z.strictObject({ code: z.enum(REASON_CODES), message: z.string(), policy: z.string().optional() }))
    .max(64),
  /** Until then the invocation that claimed it may still be applying it; others leave the target alone. */
  settleAfter: Instant,
});

/**
 * Per-target memory between decisions. Plain JSON; every instant is epoch milliseconds.
 * `version` is the schema version, so a newer Gantry can migrate or reset an older state.
 */
export const ScalingStateSchema = z.strictObject({
  version: z.literal(STATE_VERSION),
  evaluatedAt: Instant,
  /** The open scale-out cooldown window: when it started and the capacity before it (for step scaling). */
  scaleOut: z.strictObject({ at: Instant, base: Count }).optional(),
  lastScaleInAt: Instant.optional(),
  /** Bounds last set by a scheduled action, and the configured bounds they replaced. */
  bounds: z
    .strictObject({
      minCapacity: Count,
      maxCapacity: Count,
      action: z.string(),
      at: Instant,
      configuredMin: Count,
      configuredMax: Count,
    })
    .optional(),
  live: z.record(z.string(), LiveRunSchema).default({}),
  /** Per step policy: the newest datapoint (or live period) already acted on, so one breach applies once. */
  stepApplied: z.record(z.string(), Instant).default({}),
  /**
   * Per CloudWatch-backed target tracking policy: the newest datapoint read and the running count when it was
   * first read. A late datapoint is read on every sub-tick; multiplying it by a running count that new tasks
   * have since raised would compound the scale-out.
   */
  datapointBase: z.record(z.string(), z.tuple([Instant, Count])).default({}),
  /** HPA stabilization history: [instant, recommended capacity]. */
  recommendations: z
    .array(z.tuple([Instant, Count]))
    .max(512)
    .default([]),
  /** HPA rate-limit history: [instant, change in capacity]. */
  scaleEvents: z
    .array(z.tuple([Instant, Count]))
    .max(512)
    .default([]),
  idleSince: Instant.optional(),
  /** Batched launch from zero: the last evaluation that saw no message waiting. */
  emptyAt: Instant.optional(),
  /** Minimum billed time: [instant, tasks launched] of the scale-outs whose tasks are still starting. */
  launches: z
    .array(z.tuple([Instant, Count]))
    .max(512)
    .optional(),
  /** Break-even scale-in: the capacity the policies asked for over the last hour. */
  need: NeedHistorySchema.optional(),
  /** Offered-load floor: the last queue sample and the load measured since. */
  load: OfferedLoadSchema.optional(),
  noDataSince: Instant.optional(),
  /** Alarm event ids already handled, newest last (bounded). */
  eventIds: z.array(z.string()).max(256).default([]),
  pending: PendingChangeSchema.optional(),
});

export type ScalingState = z.output<typeof ScalingStateSchema>;
export type LiveRun = z.output<typeof LiveRunSchema>;
export type PendingChange = z.output<typeof PendingChangeSchema>;
