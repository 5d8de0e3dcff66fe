// KEDA's aws-sqs-queue scaler feeding a Kubernetes HPA with default settings (KEDA v2, autoscaling/v2).
//
// KEDA [KEDA]: the metric is the queue length from GetQueueAttributes, ApproximateNumberOfMessages +
// ApproximateNumberOfMessagesNotVisible (scaleOnInFlight: true; + ApproximateNumberOfMessagesDelayed only with
// scaleOnDelayed), read live. The operator polls every pollingInterval (30 s): with replicas at 0 and the queue
// length above activationQueueLength (0) it scales to max(1, minReplicaCount) (scaleFromZeroOrIdle); while
// active it stamps lastActiveTime; inactive with replicas > 0 and minReplicaCount 0, it scales to 0 once
// lastActiveTime + cooldownPeriod (300 s) is strictly in the past (scaleToZeroOrIdle). Between 1 and max the
// HPA decides; the HPA is disabled while replicas are 0.
//
// HPA [HPA] (pkg/controller/podautoscaler, every --horizontal-pod-autoscaler-sync-period = 15 s): the
// trigger is an External metric with an AverageValue target of queueLength, so
// GetExternalPerPodMetricReplicas: ratio = length / (queueLength × statusReplicas); inside the 10 % tolerance
// it keeps statusReplicas, else ceil(length / queueLength). Then normalizeDesiredReplicasWithBehaviors:
// stabilization over the recorded recommendations (up 0 s, down 300 s), then the rate limits over the recorded
// scale events (up: max(Pods 4, Percent 100) per 15 s; down: Percent 100 per 15 s) and [minReplicas, max].
// minReplicas is max(1, minReplicaCount). ECS has no status.replicas; its analogue, the tasks that exist, is
// running + pending. spec.replicas (HPA's currentReplicas) is the desired count.
import type { Behavior } from "@gantry/core";
import {
  clampToBounds,
  DEFAULT_SCALE_DOWN_POLICIES,
  DEFAULT_SCALE_UP_POLICIES,
  limitRate,
  longestRatePeriodMs,
  stabilizationWindows,
  stabilize,
} from "@gantry/core/building-blocks";
import { checkBounds, checkPositive } from "./capacity-bounds.ts";
import type { Scaler, ScalerBounds, ScalerView } from "./scaler.ts";

/** autoscaling/v2 defaults (SetDefaults_HorizontalPodAutoscalerBehavior). */
export const HPA_DEFAULT_BEHAVIOR: Behavior = {
  scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: "Max", policies: [...DEFAULT_SCALE_UP_POLICIES] },
  scaleDown: {
    stabilizationWindowSeconds: 300,
    selectPolicy: "Max",
    policies: [...DEFAULT_SCALE_DOWN_POLICIES],
  },
};

export interface KedaOptions {
  /** minReplicaCount (0 enables KEDA's scale to zero) and maxReplicaCount. */
  readonly bounds: ScalerBounds;
  /** Target messages per replica (AverageValue); KEDA's default 5. */
  readonly queueLength?: number;
  readonly activationQueueLength?: number;
  readonly scaleOnInFlight?: boolean;
  readonly scaleOnDelayed?: boolean;
  readonly pollingIntervalSeconds?: number;
  readonly cooldownPeriodSeconds?: number;
  readonly syncPeriodSeconds?: number;
  readonly tolerance?: number;
  readonly behavior?: Behavior;
}

type Settings = Required<Omit<KedaOptions, "bounds">> & { readonly bounds: ScalerBounds };

interface State {
  lastPollAt?: number;
  lastActiveAt?: number;
  /** HPA's timestamped recommendations and scale events, as [at, value] / [at, change]. */
  recommendations: [number, number][];
  events: [number, number][];
}

export function createKeda(options: KedaOptions): Scaler {
  const settings = withDefaults(options);
  const state: State = { recommendations: [], events: [] };
  return {
    name: "keda",
    intervalSeconds: settings.syncPeriodSeconds,
    step(view) {
      const length = queueLength(view, settings);
      const operator = pollOperator(view, length, settings, state);
      if (operator !== undefined) return operator;
      if (view.service.desiredCount === 0) return undefined; // HPA: scaling is disabled at 0 replicas
      return syncHpa(view, length, settings, state);
    },
  };
}

function withDefaults(options: KedaOptions): Settings {
  checkBounds(options.bounds);
  const settings: Settings = {
    bounds: options.bounds,
    queueLength: options.queueLength ?? 5,
    activationQueueLength: options.activationQueueLength ?? 0,
    scaleOnInFlight: options.scaleOnInFlight ?? true,
    scaleOnDelayed: options.scaleOnDelayed ?? false,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 30,
    cooldownPeriodSeconds: options.cooldownPeriodSeconds ?? 300,
    syncPeriodSeconds: options.syncPeriodSeconds ?? 15,
    tolerance: options.tolerance ?? 0.1,
    behavior: options.behavior ?? HPA_DEFAULT_BEHAVIOR,
  };
  checkPositive(settings.queueLength, "queueLength");
  checkPositive(settings.pollingIntervalSeconds, "pollingIntervalSeconds");
  checkPositive(settings.syncPeriodSeconds, "syncPeriodSeconds");
  return settings;
}

/** KEDA's GetQueueAttributes sum. */
export function queueLength(
  view: ScalerView,
  settings: Pick<Settings, "scaleOnInFlight" | "scaleOnDelayed">,
): number {
  const { visible, inFlight, delayed } = view.queue;
  return visible + (settings.scaleOnInFlight ? inFlight : 0) + (settings.scaleOnDelayed ? delayed : 0);
}

/** The KEDA operator's scale loop, every pollingInterval: 0 → 1 on activity, → 0 after cooldownPeriod idle. */
function pollOperator(
  view: ScalerView,
  length: number,
  settings: Settings,
  state: State,
): number | undefined {
  const { now } = view;
  if (state.lastPollAt !== undefined && now - state.lastPollAt < settings.pollingIntervalSeconds * 1000) {
    return undefined;
  }
  state.lastPollAt = now;
  const replicas = view.service.desiredCount;
  const { minCapacity } = settings.bounds;
  if (length > settings.activationQueueLength) {
    state.lastActiveAt = now;
    const floor = Math.max(1, minCapacity);
    return replicas < floor ? floor : undefined;
  }
  if (replicas > 0 && minCapacity === 0) {
    const cooled =
      state.lastActiveAt === undefined || state.lastActiveAt + settings.cooldownPeriodSeconds * 1000 < now;
    return cooled ? 0 : undefined;
  }
  return replicas < minCapacity ? minCapacity : undefined;
}

/** One HPA reconcile: the replica count, or undefined when it keeps the current one. */
function syncHpa(view: ScalerView, length: number, settings: Settings, state: State): number | undefined {
  const current = view.service.desiredCount;
  const minReplicas = Math.max(1, settings.bounds.minCapacity);
  const bounded = { minCapacity: minReplicas, maxCapacity: settings.bounds.maxCapacity };
  // Out-of-range counts go straight to the bound, bypassing the behaviors (reconcileAutoscaler).
  if (current < minReplicas || current > bounded.maxCapacity)
    return clampToBounds(current, current, bounded).value;
  const proposal = metricReplicas(view, length, settings);
  const desired = normalize(view.now, current, proposal, settings, state);
  const replicas = clampToBounds(desired, current, bounded).value;
  if (replicas === current) return undefined;
  state.events.push([view.now, replicas - current]);
  return replicas;
}

/** GetExternalPerPodMetricReplicas with the tolerance, against status.replicas (running + pending). */
export function metricReplicas(
  view: ScalerView,
  length: number,
  settings: Pick<Settings, "queueLength" | "tolerance">,
): number {
  const status = view.service.runningCount + view.service.pendingCount;
  const ratio = length / (settings.queueLength * status);
  // As in Go, a NaN ratio (0 / 0) fails the comparison and keeps the status count.
  return Math.abs(1 - ratio) > settings.tolerance ? Math.ceil(length / settings.queueLength) : status;
}

/** normalizeDesiredReplicasWithBehaviors: stabilize on the history, record, then rate-limit. */
function normalize(now: number, current: number, proposal: number, settings: Settings, state: State): number {
  const { behavior } = settings;
  const stabilized = stabilize(proposal, current, state.recommendations, now, behavior).value;
  state.recommendations.push([now, proposal]);
  prune(now, behavior, state);
  return limitRate(stabilized, current, state.events, now, behavior).value;
}

function prune(now: number, behavior: Behavior, state: State): void {
  const { upMs, downMs } = stabilizationWindows(behavior);
  const keepRecommendations = now - Math.max(upMs, downMs);
  state.recommendations = state.recommendations.filter(([at]) => at > keepRecommendations);
  const keepEvents = now - longestRatePeriodMs(behavior);
  state.events = state.events.filter(([at]) => at > keepEvents);
}
