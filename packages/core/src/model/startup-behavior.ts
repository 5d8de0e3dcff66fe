import * as z from "zod";
import { TimestampSchema } from "./common.ts";

/** Width of one period of the arrival history: CloudWatch keeps 5-minute data for 63 days [AWS]. */
export const HISTORY_PERIOD_SECONDS = 300;
/** 14 days of 5-minute periods. */
export const MAX_HISTORY_PERIODS = (14 * 86_400) / HISTORY_PERIOD_SECONDS;

/**
 * Predictive pre-scaling from the request's arrival history, as ECS predictive scaling does it: forecast the
 * next periods from daily and weekly seasonality and raise capacity ahead of a rise by the start time.
 * Forecasts only raise capacity, and are ignored while they miss the recent past.
 */
const PredictiveSchema = z.strictObject({
  /** Days of history the forecast reads (1–14). */
  lookbackDays: z.number().int().min(1).max(14).default(14),
  /** Average processing seconds of one message: turns forecast arrivals into busy tasks. */
  processingSeconds: z.number().positive().max(86_400),
  /** Messages a task works at once. */
  concurrency: z.number().int().min(1).max(10_000).default(1),
  /** Busy share of the forecast capacity, percent: 100 gives exactly the forecast work. */
  targetUtilizationPercent: z.number().positive().max(1000).default(100),
  /** Fall back to reactive scaling while the forecast's error over the last hour exceeds this share of the arrivals. */
  maxErrorRatio: z.number().positive().max(10).default(0.5),
});

/**
 * The offered-load floor: capacity stays at or above the work arriving on the policies' sqsUtilization queues
 * (arrivals × processing time, measured from successive queue reads) averaged over the last `windowSeconds`,
 * for `holdSeconds` after each measurement. Where a start outlasts the SLO, a task stopped in a lull is not back
 * in time for the next burst; the floor keeps the fleet sized for the recent load instead of the last instant.
 */
const LoadFloorSchema = z.strictObject({
  /** Seconds of arrivals averaged. */
  windowSeconds: z.number().int().min(60).max(1800).default(300),
  /** Seconds each average keeps holding: a lull shorter than this keeps the tasks. */
  holdSeconds: z.number().int().min(0).max(1800).default(300),
  /** Standard deviations of the sampled load added to its mean (0: the mean alone). */
  sigmas: z.number().min(0).max(5).default(0),
});

/**
 * Startup-aware scaling (opt-in per target): both rules weigh what a launch costs, `taskStartSeconds` of billed
 * time during which the new task takes no work.
 */
export const StartupAwareSchema = z.strictObject({
  /** From launch to taking work (ECS PROVISIONING → RUNNING), seconds. */
  taskStartSeconds: z.number().nonnegative().max(3600),
  /**
   * Ski-rental scale-in: keep an idle task while, from the recent history of the capacity the policies asked
   * for, its reuse is expected within `taskStartSeconds` (stopping and relaunching it would cost more).
   */
  breakEvenScaleIn: z.boolean().default(false),
  /**
   * The longest a message may wait before its processing starts (the SLO), seconds. With it, a fleet at zero
   * lets messages gather while the oldest would still start in time, and launches one task for the batch instead
   * of one per trickle (batchFromZero).
   */
  maxWaitSeconds: z.number().positive().max(86_400).optional(),
  /**
   * The shortest time a task is billed, seconds (Fargate: 60). Scale-in then waits while a launch is still
   * starting (younger than the start and this minimum): cancelled, the task would be billed it for no work.
   */
  minimumBilledSeconds: z.number().int().positive().max(3600).optional(),
  predictive: PredictiveSchema.optional(),
  loadFloor: LoadFloorSchema.optional(),
});

/**
 * Arrivals of the target's queue per period (messages per second, averaged over each period), oldest first,
 * the last period ending at or before `now`. The runtime reads it (CloudWatch NumberOfMessagesSent, period
 * 300 s); the core does no I/O.
 */
export const ArrivalHistorySchema = z.strictObject({
  /** Start of the first period. */
  startAt: TimestampSchema,
  periodSeconds: z.literal(HISTORY_PERIOD_SECONDS).default(HISTORY_PERIOD_SECONDS),
  arrivals: z.array(z.number().nonnegative()).max(MAX_HISTORY_PERIODS),
});

export type StartupAware = z.output<typeof StartupAwareSchema>;
export type Predictive = z.output<typeof PredictiveSchema>;
export type LoadFloor = z.output<typeof LoadFloorSchema>;
export type ArrivalHistory = z.output<typeof ArrivalHistorySchema>;
