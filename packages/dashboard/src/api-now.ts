import type { TargetView } from "./api-types.ts";

/**
 * The API's clock, as a target's view shows it: when ECS counts were read (the route reads them as it answers);
 * without them, the browser's. They differ only under `gantry dev` when simulated time does not follow real time.
 */
export function apiNow(view: TargetView): number {
  return view.counts?.source === "ecs" ? view.counts.at : Date.now();
}
