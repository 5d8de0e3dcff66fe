// Gantry's own scaler for backtests: the real core (`decide`) steering one service, every sub-tick.
import {
  type ArrivalHistory,
  batchesLastTask,
  type Decision,
  decide,
  type EvaluateRequest,
  parseWith,
  type ScalingState,
  type TargetConfig,
  type TargetConfigInput,
  TargetConfigSchema,
} from "@gantry/core";
import { ArrivalRecorder } from "./gantry-history.ts";
import { holdsOfferedLoad, workerTargetPercent } from "./gantry-worker-policy.ts";
import type { Scaler, ScalerBounds, ScalerView } from "./scaler.ts";

/** The simulated service's queue: sqs metrics in a user's config for `gantry simulate` name this URL. */
export const SIM_QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/000000000000/worker";
export const SIM_TARGET_ID = "service/sim/worker";

export interface GantryScalerOptions {
  readonly bounds: ScalerBounds;
  /** Acceptable wait before processing starts, and the average processing time (both seconds). */
  readonly slo?: { readonly latencySeconds: number; readonly processingTimeSeconds: number };
  /** A user's target config (parsed JSON/YAML). Its min/max are replaced by `bounds`. */
  readonly config?: unknown;
  /** How often the core runs: the tick Lambda's sub-tick. Default 15 s. */
  readonly intervalSeconds?: number;
  readonly tuning?: WorkerTuning;
  /** From launch to RUNNING, seconds (the simulated service's taskStartupSeconds); default 45. */
  readonly taskStartSeconds?: number;
  /**
   * Break-even scale-in in the worker profile (behavior.startup). Default on: with it the fleet no longer holds
   * every scale-in for a minute where the SLO outlasts a start (workerTuning), which measured as good or
   * better on the tuning parts at SLO 60 s and 120 s.
   */
  readonly breakEvenScaleIn?: boolean;
  /**
   * Batched launch from zero in the worker profile (behavior.startup.maxWaitSeconds = the SLO). Default on: where
   * the SLO outlasts a start and a sub-tick it measured 4–11 % cheaper on WorldCup and Alibaba's tuning parts at
   * SLO 90, 120 and 180 s, within 0.1 point in time (README); below that it does nothing.
   */
  readonly batchFromZero?: boolean;
  /**
   * The platform's minimum billed time per task (Fargate: 60): the worker profile then does not cancel tasks
   * still starting (behavior.startup.minimumBilledSeconds); default none, as task-seconds carry no minimum.
   */
  readonly minimumBilledSeconds?: number;
  /**
   * The offered-load floor in the worker profile (behavior.startup.loadFloor, its defaults). Default: on where the
   * SLO is within a start and a message's processing outlasts the standing wait the SLO leaves (holdsOfferedLoad).
   * On the Alibaba jobs at SLO 30 s it kept more in time at less cost on the tuning and held-out parts; at 60 s and
   * on 1-second messages it cost more (README).
   */
  readonly loadFloor?: boolean;
  /** Predictive pre-scaling in the worker profile. Default off: it cost more on held-out WorldCup days. */
  readonly predictive?: boolean;
  /** Arrivals before the run, as the runtime would read them from CloudWatch (predictive pre-scaling). */
  readonly arrivalHistory?: ArrivalHistory;
}

/** Tuning of the default worker policy; the benchmark explores these. */
export interface WorkerTuning {
  /** Target utilization of the worker slots, percent. */
  readonly targetPercent: number;
  /** Window to drain a visible backlog in, as a fraction of the SLO. */
  readonly drainFraction: number;
  /** Highest recommendation over this window holds a scale-in (HPA stabilization), seconds. */
  readonly scaleDownWindowSeconds: number;
  readonly idleSeconds: number;
  /** Most of the fleet a scale-in may remove per minute, percent. */
  readonly scaleDownPercentPerMinute: number;
}

/** The constants of the default worker policy; its target is derived per service (workerTuning). */
export const DEFAULT_TUNING: WorkerTuning = {
  targetPercent: 220,
  drainFraction: 0.5,
  scaleDownWindowSeconds: 60,
  idleSeconds: 60,
  scaleDownPercentPerMinute: 15,
};

/**
 * The default SQS worker policy: target tracking on worker utilization including queued work (`sqsUtilization`,
 * read live every 15-second sub-tick): the messages in flight, plus the tasks it takes to stop a growing
 * backlog, plus the visible backlog's work spread over a drain window of half the SLO. It follows throughput
 * like CPU tracking does and sees a burst at the first sub-tick. A target above 100 % keeps a short standing
 * queue instead of idle headroom, every task busy; the target comes from the service's SLO, processing time and
 * task start (workerTargetPercent: 222 % at SLO 60 s with 45 s starts, 213 % at 30 s, 261 % at 120 s).
 * Scale-out acts on one sample; scale-in takes the highest recommendation of the last minute and removes at most
 * 15 % of the fleet per minute, so noise does not churn tasks (each new task bills its startup); the last task
 * goes after an idle minute. Break-even scale-in keeps the idle tasks whose reuse is due within a start
 * (startupBehavior); where the SLO outlasts a start it replaces the minute's hold. Where the SLO also outlasts a
 * sub-tick after the start, a launch from zero waits for a batch and the last task goes as soon as it idles
 * (workerTuning).
 */
export function defaultWorkerConfig(
  options: GantryScalerOptions,
  tuning: WorkerTuning = workerTuning(options),
): TargetConfigInput {
  const latency = options.slo?.latencySeconds ?? 60;
  const processing = options.slo?.processingTimeSeconds ?? 1;
  return {
    target: { id: SIM_TARGET_ID, ...options.bounds },
    policies: [
      {
        name: "workers",
        type: "TargetTracking",
        targetValue: tuning.targetPercent,
        metric: {
          sqsUtilization: {
            queueUrl: SIM_QUEUE_URL,
            processingSeconds: processing,
            drainSeconds: Math.max(1, latency * tuning.drainFraction),
          },
        },
        scaleOutCooldown: 0,
        scaleInCooldown: 0,
        evaluation: {
          periodSeconds: 15,
          scaleOutDatapoints: 1,
          scaleInDatapoints: 1,
          scaleInThresholdRatio: 0.9,
        },
      },
    ],
    behavior: {
      scaleDown: {
        stabilizationWindowSeconds: tuning.scaleDownWindowSeconds,
        policies: [{ type: "Percent", value: tuning.scaleDownPercentPerMinute, periodSeconds: 60 }],
      },
      scaleToZero: { idleSeconds: tuning.idleSeconds },
      ...startupBehavior(options),
    },
  };
}

/**
 * DEFAULT_TUNING with the target derived from the service's SLO, processing time and task start. With
 * break-even scale-in and an SLO longer than a start, scale-in is not held for a minute: break-even keeps the
 * tasks whose reuse is due within a start and lets the others go, and a task stopped by mistake is back in time.
 * Where the SLO is within a start, a task that is needed again cannot be, so the minute's hold stays. Where a
 * launch from zero can wait for a batch (batchesLastTask), the last task is not kept idle for a minute either.
 */
export function workerTuning(
  options: Pick<GantryScalerOptions, "slo" | "taskStartSeconds" | "breakEvenScaleIn" | "batchFromZero">,
): WorkerTuning {
  const latencySeconds = options.slo?.latencySeconds ?? 60;
  const taskStartSeconds = options.taskStartSeconds ?? 45;
  const targetPercent = workerTargetPercent({
    latencySeconds,
    processingSeconds: options.slo?.processingTimeSeconds ?? 1,
    taskStartSeconds,
    drainFraction: DEFAULT_TUNING.drainFraction,
  });
  const breakEvenHolds = (options.breakEvenScaleIn ?? true) && latencySeconds > taskStartSeconds;
  const scaleDownWindowSeconds = breakEvenHolds ? 0 : DEFAULT_TUNING.scaleDownWindowSeconds;
  const batches =
    (options.batchFromZero ?? true) && batchesLastTask({ maxWaitSeconds: latencySeconds, taskStartSeconds });
  const idleSeconds = batches ? 0 : DEFAULT_TUNING.idleSeconds;
  return { ...DEFAULT_TUNING, targetPercent, scaleDownWindowSeconds, idleSeconds };
}

type WorkerBehavior = NonNullable<TargetConfigInput["behavior"]>;

/** Startup-aware scaling for the worker profile (see GantryScalerOptions for the defaults). */
function startupBehavior(options: GantryScalerOptions): Pick<WorkerBehavior, "startup"> {
  const taskStartSeconds = options.taskStartSeconds ?? 45;
  const breakEvenScaleIn = options.breakEvenScaleIn ?? true;
  const maxWaitSeconds = options.slo?.latencySeconds ?? 60;
  const batch = (options.batchFromZero ?? true) && batchesLastTask({ maxWaitSeconds, taskStartSeconds });
  const billed = options.minimumBilledSeconds ? { minimumBilledSeconds: options.minimumBilledSeconds } : {};
  const processingSeconds = options.slo?.processingTimeSeconds ?? 1;
  const loadFloor =
    options.loadFloor ??
    holdsOfferedLoad({ latencySeconds: maxWaitSeconds, processingSeconds, taskStartSeconds });
  if (!breakEvenScaleIn && !options.predictive && !batch && !billed.minimumBilledSeconds && !loadFloor)
    return {};
  return {
    startup: {
      taskStartSeconds,
      breakEvenScaleIn,
      ...(batch && { maxWaitSeconds }),
      ...billed,
      ...(options.predictive && { predictive: { lookbackDays: 14, processingSeconds } }),
      ...(loadFloor && { loadFloor: {} }),
    },
  };
}

/** The pass interval a deploy's SUB_TICK_SECONDS gives: 0 is one pass per scheduled minute. */
export function subTickIntervalSeconds(subTickSeconds: number): number {
  return subTickSeconds === 0 ? 60 : subTickSeconds;
}

export function createGantryScaler(options: GantryScalerOptions): Scaler {
  const config = parseWith(
    TargetConfigSchema,
    withBounds(
      options.config ?? defaultWorkerConfig(options, options.tuning ?? workerTuning(options)),
      options.bounds,
    ),
  );
  // Only a predictive target reads the history, as the runtime would.
  const recorder = config.behavior?.startup?.predictive
    ? new ArrivalRecorder(options.arrivalHistory)
    : undefined;
  let state: ScalingState | undefined;
  return {
    name: "gantry",
    intervalSeconds: options.intervalSeconds ?? 15,
    step(view) {
      recorder?.record(view.cloudwatch("NumberOfMessagesSent", recorder.readFrom));
      const decision: Decision = decide(requestFor(config, view, state, recorder?.history(view.now)));
      state = decision.state;
      return decision.action === "None" ? undefined : decision.desiredCapacity;
    },
  };
}

function withBounds(config: unknown, bounds: ScalerBounds): unknown {
  if (typeof config !== "object" || config === null) return config;
  const target = (config as { target?: unknown }).target;
  if (typeof target !== "object" || target === null) return config;
  return { ...config, target: { ...target, ...bounds } };
}

function requestFor(
  config: TargetConfig,
  view: ScalerView,
  state: ScalingState | undefined,
  history: ArrivalHistory | undefined,
): EvaluateRequest {
  const { service, queue } = view;
  const request: EvaluateRequest = {
    now: view.now,
    target: config.target,
    policies: config.policies,
    scheduledActions: config.scheduledActions,
    behavior: config.behavior,
    observation: {
      runningCount: service.runningCount,
      desiredCount: service.desiredCount,
      pendingCount: service.pendingCount,
      deploymentInProgress: false,
      metrics: {},
      queues: { [SIM_QUEUE_URL]: queue },
    },
    state,
    trigger: undefined,
  };
  if (history) request.history = history;
  return request;
}
