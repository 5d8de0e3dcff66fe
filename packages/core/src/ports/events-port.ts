import type { Activity } from "../model/activity.ts";

/** EventBridge PutEvents: one event per activity, source `gantry`; adapters batch 10 entries per call. */
export interface EventsPort {
  publishActivities(activities: readonly Activity[]): Promise<void>;
}
