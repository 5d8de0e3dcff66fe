import type { Reason } from "../model/decision.ts";
import type { DecisionContext } from "./context.ts";

/** [instant, tasks launched] of the recent scale-outs. */
export type Launches = [number, number][];

/**
 * Where each task is billed a minimum (Fargate: a minute), a task cancelled while it is still starting is billed
 * that minimum for no work. Gantry cannot say which tasks a scale-in stops (ECS documents only that it balances
 * Availability Zones; the simulator stops starting tasks first), so while a launch is younger than both the start
 * and the minimum, scale-in waits: a starting task costs the same whether it is cancelled or not, and started it
 * may take work. Only holds the value; returns the launches to keep.
 */
export function holdStartingTasks(
  value: number,
  ctx: DecisionContext,
  minimumSeconds: number,
  startSeconds: number,
): { value: number; reason?: Reason; launches: Launches } {
  const windowMs = Math.min(minimumSeconds, startSeconds) * 1000;
  const { now } = ctx;
  const launches = (ctx.previous?.launches ?? []).filter(([at]) => now - at < windowMs);
  const desired = ctx.observation.desiredCount;
  if (launches.length === 0 || value >= desired) return { value, launches };
  const newest = Math.max(...launches.map(([at]) => at));
  const reason: Reason = {
    code: "BilledMinimumKept",
    message: `${value} asked; keeping ${desired} tasks: the tasks launched ${Math.round((now - newest) / 1000)} s ago are still starting, and cancelled they would be billed ${minimumSeconds} s for nothing`,
  };
  return { value: desired, reason, launches };
}

/** The launches to remember after this decision, assuming it is carried out. */
export function recordLaunch(launches: Launches, now: number, desired: number, decided: number): Launches {
  return decided > desired ? [...launches, [now, decided - desired]] : launches;
}
