import type { Activity, EventsPort } from "@gantry/core";
import { CallLog } from "./call-log.ts";

/** EventsPort that keeps what it was asked to publish, one entry per call; can fail next. */
export class RecordingEventsPort implements EventsPort {
  readonly fake = new CallLog<"publishActivities">();
  readonly published: Activity[][] = [];

  failNext(error: Error): void {
    this.fake.failNext("publishActivities", error);
  }

  async publishActivities(activities: readonly Activity[]): Promise<void> {
    this.fake.enter("publishActivities", activities);
    this.published.push(structuredClone([...activities]));
  }

  /** Every activity published, in order. */
  get activities(): Activity[] {
    return this.published.flat();
  }
}
