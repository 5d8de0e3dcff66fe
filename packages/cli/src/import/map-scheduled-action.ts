// An AAS scheduled action → Gantry's: the same at()/rate()/cron() expressions, IANA time zone and UTC window.
import type { AasScheduledAction } from "@gantry/aws";
import type { ScheduledAction } from "@gantry/core";
import { failed, type Mapped, mapped } from "./import-finding.ts";

type ScheduledActionInput = Omit<ScheduledAction, "timezone" | "startTime" | "endTime"> & {
  timezone?: string;
  startTime?: string;
  endTime?: string;
};

export function mapScheduledAction(action: AasScheduledAction, name: string): Mapped<ScheduledActionInput> {
  if (!action.Schedule) return failed("Schedule", "missing");
  const { MinCapacity, MaxCapacity } = action.ScalableTargetAction ?? {};
  if (MinCapacity === undefined && MaxCapacity === undefined) {
    return failed("ScalableTargetAction", "sets neither MinCapacity nor MaxCapacity, so it does nothing");
  }
  return mapped({
    name,
    schedule: action.Schedule,
    ...(action.Timezone && { timezone: action.Timezone }),
    ...(action.StartTime && { startTime: action.StartTime.toISOString() }),
    ...(action.EndTime && { endTime: action.EndTime.toISOString() }),
    ...(MinCapacity !== undefined && { minCapacity: MinCapacity }),
    ...(MaxCapacity !== undefined && { maxCapacity: MaxCapacity }),
  });
}
