// One simulated ECS service and its SQS queue, with the CloudWatch metrics and the per-minute series they
// produce. The account (sim-account.ts) drives it: events between ticks, then a sample at each tick.
import type { Datapoint, QueueDepth, ServiceSnapshot } from "@gantry/core";
import type { ScalerMetricName } from "../scalers/scaler.ts";
import { TraceFeed } from "./arrival-feed.ts";
import { CloudWatchStore, defaultStatistic } from "./cloudwatch-store.ts";
import { CpuMetric } from "./cpu-metric.ts";
import { EcsService } from "./ecs-service.ts";
import type { PlacementHook } from "./placement.ts";
import type { Prng } from "./prng.ts";
import { QueueAttributes } from "./queue-attributes.ts";
import { SeriesRecorder } from "./service-series.ts";
import type { ServiceSettings } from "./service-settings.ts";
import { SqsQueue } from "./sqs-queue.ts";
import { TaskState } from "./task-table.ts";

/** What a service is built from: resolved settings plus the account-wide parts it shares. */
export interface ServiceContext {
  readonly settings: ServiceSettings;
  readonly startMs: number;
  readonly sampleMs: number;
  readonly placement: PlacementHook;
  readonly arrivalRandom: Prng;
  readonly noiseRandom: Prng;
}

export class SimService {
  readonly settings: ServiceSettings;
  readonly id: string;
  readonly queueUrl: string;
  readonly queueName: string;
  readonly ecs: EcsService;
  readonly queue: SqsQueue;
  readonly cloudwatch: CloudWatchStore;
  /** ECS CPUUtilization (AWS/ECS): busy slots ÷ running slots, see cpu-metric.ts. */
  readonly cpu: CpuMetric;
  readonly series: SeriesRecorder;
  readonly #attributes: QueueAttributes;
  #sentAtTick = 0;
  #sentAtMinute = 0;

  constructor(context: ServiceContext) {
    const { settings: s, startMs } = context;
    this.settings = s;
    this.id = s.id;
    this.queueUrl = s.queueUrl;
    this.queueName = s.queueName;
    this.queue = new SqsQueue(
      {
        name: s.queueName,
        url: s.queueUrl,
        visibilityTimeoutMs: s.visibilityTimeoutSeconds * 1000,
        deliveryDelayMs: s.deliveryDelaySeconds * 1000,
        maxReceiveCount: s.maxReceiveCount,
        wakeIdleMs: s.wakeIdleSeconds * 1000,
      },
      startMs,
    );
    const feed =
      s.trace === undefined
        ? undefined
        : new TraceFeed(s.trace, startMs, s.processingTimeSeconds * 1000, context.arrivalRandom);
    const ecsOptions = {
      id: s.id,
      taskStartupMs: s.taskStartupSeconds * 1000,
      concurrency: s.concurrency,
      scaleInProtection: s.scaleInProtection,
      minimumBilledMs: s.minimumBilledSeconds * 1000,
    };
    this.ecs = new EcsService(ecsOptions, this.queue, context.placement, { startMs, feed });
    this.cloudwatch = new CloudWatchStore(startMs, {
      delaySeconds: s.cloudwatchDelaySeconds,
      wakeDelaySeconds: s.wakeDelaySeconds,
    });
    this.cpu = new CpuMetric(s.cloudwatchDelaySeconds);
    this.queue.onWake = (time) => this.cloudwatch.wake(time);
    this.series = new SeriesRecorder(Math.floor(startMs / 60_000) * 60_000);
    this.#attributes = new QueueAttributes(
      { lagSeconds: s.attributeLagSeconds, noise: s.attributeNoise },
      context.sampleMs,
      context.noiseRandom,
    );
    this.ecs.warmStart(s.initialDesired, startMs);
  }

  /** A sample tick at `now`: activity, placement retries, metrics, series. Events before `now` are done. */
  sample(now: number): void {
    const { queue, ecs, cloudwatch } = this;
    // Running tasks poll the queue, which keeps it active (no wake delay while a fleet is up).
    if (queue.queued > 0 || ecs.runningCount > 0) queue.lastActiveAt = now;
    if (ecs.blockedCount > 0) ecs.retryPlacement(now);
    cloudwatch.addSent(queue.sent - this.#sentAtTick);
    this.#sentAtTick = queue.sent;
    if (cloudwatch.rollTo(now)) {
      this.series.record({
        arrivals: queue.sent - this.#sentAtMinute,
        backlog: queue.visible.length,
        inFlight: queue.inFlight,
        desired: ecs.desired,
        running: ecs.runningCount,
        pending: ecs.pendingCount,
      });
      this.#sentAtMinute = queue.sent;
    }
    cloudwatch.sampleGauges(queue.visible.length, queue.inFlight, queue.delayed.length, ecs.runningCount);
    this.#attributes.record(now, queue.visible.length, queue.inFlight, queue.delayed.length);
    this.cpu.sample(now, this.#busyRunningSlots(), ecs.runningCount * ecs.tasks.concurrency);
  }

  /** Busy worker slots of RUNNING (not draining) tasks. */
  #busyRunningSlots(): number {
    const { state, busy, extent } = this.ecs.tasks;
    let total = 0;
    for (let task = 0; task < extent; task++) {
      if (state[task] === TaskState.running) total += busy[task] as number;
    }
    return total;
  }

  /** DescribeServices for this service. */
  snapshot(): ServiceSnapshot {
    return {
      id: this.id,
      desiredCount: this.ecs.desired,
      runningCount: this.ecs.runningCount,
      pendingCount: this.ecs.pendingCount,
      deploymentInProgress: false,
    };
  }

  /** The exact counts now. */
  exactDepth(): QueueDepth {
    const q = this.queue;
    return { visible: q.visible.length, inFlight: q.inFlight, delayed: q.delayed.length };
  }

  /** GetQueueAttributes as SQS reports it (see queue-attributes.ts). */
  reportedDepth(now: number): QueueDepth {
    return this.#attributes.read(now, this.exactDepth());
  }

  /** Published 1-minute datapoints of `metric` since `sinceMs`, with the statistic scalers see. */
  datapoints(metric: ScalerMetricName, sinceMs: number, now: number): Datapoint[] {
    const range = { from: sinceMs, to: Number.POSITIVE_INFINITY, now, periodMs: 60_000 };
    if (metric === "CPUUtilization") return this.cpu.query("Average", range);
    return this.cloudwatch.query(metric, defaultStatistic(metric), range);
  }
}
