import type { CapacityReason } from "./capacity-reason.ts";
import {
  CAPACITY_STATE_VERSION,
  type CapacityAction,
  type CapacityPlan,
  type CapacityPlanInput,
  type CapacityState,
} from "./cluster-model.ts";
import { count } from "./counting.ts";
import { type Demand, measureDemand, strandedWithRoom } from "./demand.ts";
import { demandSummary, tooLargeReasons, warmingReasons } from "./demand-reasons.ts";
import { headroomOf, isHeadroom, withHeadroom } from "./headroom.ts";
import { boundInstances, clampScaleOutStep, type Limited } from "./instance-limits.ts";
import { acceptsTasks, isUsable } from "./instance-status.ts";
import { planProtection } from "./protection.ts";
import { capacityProviderReservation, withSpare } from "./reservation.ts";
import { planScaleIn } from "./scale-in.ts";

interface Outcome {
  /** Usable instances after the plan, before the final bound. */
  instances: number;
  drain: string[];
  unneededSince: Record<string, number>;
  reasons: CapacityReason[];
}

/**
 * The cluster stage: sizes the instances from the services' new desired counts in the same pass (FFD over CPU,
 * memory and host ports) plus the configured headroom, launches at once, and drains only instances whose tasks
 * (and the scale-in headroom) fit elsewhere. Pure.
 */
export function planCapacity(input: CapacityPlanInput): CapacityPlan {
  const { config, instances, instanceShape: shape } = input;
  const protectedByGantry = new Set(input.state?.protectedByGantry ?? []);
  const headroom = headroomOf(config);
  const demandWith = (room: number) =>
    measureDemand(withHeadroom(input.services, room, shape), instances, shape);
  const demand = demandWith(headroom.scaleOut);
  const current = instances.filter(isUsable).length;
  const wanted = withSpare(demand.needed, config.targetCapacity);
  const bounded = boundInstances(wanted, config, () =>
    strandedWithRoom(demand, config.maxInstances - current, shape),
  );
  const summary = demandSummary(demand, wanted, current, config.targetCapacity);
  const outcome =
    bounded.value > current
      ? scaleOut(input, bounded, wanted, current, summary)
      : holdOrScaleIn(
          input,
          headroom.scaleIn === headroom.scaleOut ? demand : demandWith(headroom.scaleIn),
          bounded,
          current,
          summary,
          protectedByGantry,
        );
  const real = headroom.scaleOut === 0 ? demand : demandWith(0);

  const desired = Math.min(Math.max(outcome.instances, config.minInstances), config.maxInstances);
  const reasons = [...tooLargeReasons(demand.tooLarge, shape), ...outcome.reasons, ...warmingReasons(input)];
  if (desired < outcome.instances) {
    reasons.push({
      code: "AtMaxInstances",
      message: `${count(outcome.instances, "usable instance")} above max ${config.maxInstances}: desired set to max, busy instances stay protected`,
    });
  }
  const step = desired - current;
  const protection = planProtection(instances, outcome.drain, protectedByGantry);
  const lastScaleOutAt = step > 0 ? input.now : input.state?.lastScaleOutAt;
  const state: CapacityState = {
    version: CAPACITY_STATE_VERSION,
    ...(lastScaleOutAt !== undefined && { lastScaleOutAt }),
    unneededSince: outcome.unneededSince,
    protectedByGantry: protection.protectedByGantry,
  };
  return {
    desiredInstances: desired,
    step,
    action: actionOf(step),
    drain: outcome.drain,
    protect: protection.protect,
    unprotect: protection.unprotect,
    reservation: capacityProviderReservation(real.needed, instances.filter(acceptsTasks).length),
    reasons,
    state,
  };
}

function scaleOut(
  input: CapacityPlanInput,
  bounded: Limited,
  wanted: number,
  current: number,
  summary: string,
): Outcome {
  const step = clampScaleOutStep(bounded.value - current, current, input.config);
  const reasons: CapacityReason[] = [];
  if (wanted > current) {
    reasons.push({ code: "CapacityNeeded", message: `${summary}: launching ${step.value}` });
  }
  if (bounded.reason) reasons.push(bounded.reason);
  if (step.reason) reasons.push(step.reason);
  return { instances: current + step.value, drain: [], unneededSince: {}, reasons };
}

/** Enough capacity: hold, or drain what the consolidated packing (`ideal`) shows is spare. */
function holdOrScaleIn(
  input: CapacityPlanInput,
  demand: Demand,
  bounded: Limited,
  current: number,
  summary: string,
  protectedByGantry: ReadonlySet<string>,
): Outcome {
  const floor = boundInstances(withSpare(demand.ideal, input.config.targetCapacity), input.config, () => 0);
  const reasons: CapacityReason[] = [{ code: "AlreadyHasCapacity", message: summary }];
  // Above max, the final bound explains it; at max, say what the cap leaves pending.
  if (bounded.reason?.code === "AtMaxInstances" && current <= input.config.maxInstances) {
    reasons.push(bounded.reason);
  }
  if (floor.reason?.code === "AtMinInstances") reasons.push(floor.reason);
  const room = current - floor.value;
  if (room <= 0) {
    return {
      instances: current,
      drain: [],
      unneededSince: {},
      reasons: [...reasons, ...headroomKept(demand)],
    };
  }
  const scaleIn = planScaleIn(input, room, demand, protectedByGantry);
  return {
    instances: current - scaleIn.drain.length,
    drain: scaleIn.drain,
    unneededSince: scaleIn.unneededSince,
    reasons: [...reasons, ...scaleIn.reasons],
  };
}

/** Why a cluster with spare room still holds: the scale-in headroom needs it. */
function headroomKept(demand: Demand): CapacityReason[] {
  const room = demand.toPlace.filter(isHeadroom).length;
  if (room === 0) return [];
  const message = `scale-in keeps room for ${count(room, "more task")}: with it, ${count(demand.ideal, "instance")} needed`;
  return [{ code: "HeadroomKept", message }];
}

function actionOf(step: number): CapacityAction {
  if (step > 0) return "ScaleOut";
  return step < 0 ? "ScaleIn" : "None";
}
