import type { TargetConfig, TargetRecord } from "@gantry/core";
import { VirtualClock } from "@gantry/testing";
import { describe, expect, it, vi } from "vitest";
import { parseAlarmEvent } from "./alarm-event.ts";
import {
  ALARM_INDEX_MAX_AGE_MS,
  ALARM_INDEX_MIN_AGE_MS,
  createAlarmTargetIndex,
  resolveAlarmTarget,
} from "./alarm-targets.ts";

function alarmEvent(alarmName: string) {
  return parseAlarmEvent({
    id: "evt-1",
    source: "aws.cloudwatch",
    "detail-type": "CloudWatch Alarm State Change",
    time: "2026-01-05T12:00:00Z",
    detail: { alarmName, state: { value: "ALARM" }, previousState: { value: "OK" } },
  });
}

function record(targetId: string, policies: string[]): TargetRecord {
  return {
    config: {
      target: { id: targetId, minCapacity: 0, maxCapacity: 10 },
      policies: policies.map((name) => ({ name })),
      scheduledActions: [],
    },
    state: undefined,
    version: 1,
    updatedAt: 0,
  } as unknown as TargetRecord;
}

describe("createAlarmTargetIndex", () => {
  /** Stands in for the runtime's naming rule: one alarm per policy. */
  const mapAlarms = (configs: readonly TargetConfig[]) =>
    new Map(configs.flatMap((c) => c.policies.map((p) => [`gantry-${p.name}`, c.target.id] as const)));

  it("maps every managed alarm name to its target and reuses the index for a while", async () => {
    const clock = new VirtualClock();
    const listTargets = vi.fn(async () => ({
      records: [record("service/prod/a", ["a-high", "a-low"]), record("service/prod/b", ["b-high"])],
      problems: [],
    }));
    const index = createAlarmTargetIndex({ store: { listTargets }, mapAlarms, clock, maxAgeMs: 30_000 });
    expect(await index()).toEqual(
      new Map([
        ["gantry-a-high", "service/prod/a"],
        ["gantry-a-low", "service/prod/a"],
        ["gantry-b-high", "service/prod/b"],
      ]),
    );
    clock.advance(29_999);
    await index();
    expect(listTargets).toHaveBeenCalledTimes(1);
    clock.advance(1);
    await index();
    expect(listTargets).toHaveBeenCalledTimes(2);
  });

  it("rebuilds the index for a name it does not know, at most every 10 s", async () => {
    const clock = new VirtualClock();
    const listTargets = vi.fn(async () => ({
      records: [record("service/prod/a", ["a-high"])],
      problems: [],
    }));
    const index = createAlarmTargetIndex({ store: { listTargets }, mapAlarms, clock });
    await index();
    await index({ refresh: true });
    expect(listTargets).toHaveBeenCalledTimes(1);
    clock.advance(ALARM_INDEX_MIN_AGE_MS);
    await index({ refresh: true });
    expect(listTargets).toHaveBeenCalledTimes(2);
    clock.advance(ALARM_INDEX_MAX_AGE_MS - 1);
    await index();
    expect(listTargets).toHaveBeenCalledTimes(2);
  });

  it("finds an alarm put since the index was built", async () => {
    const clock = new VirtualClock();
    const records = [record("service/prod/a", ["a-high"])];
    const listTargets = vi.fn(async () => ({ records: [...records], problems: [] }));
    const index = createAlarmTargetIndex({ store: { listTargets }, mapAlarms, clock });
    await index();
    records.push(record("service/prod/b", ["b-high"]));
    clock.advance(ALARM_INDEX_MIN_AGE_MS);
    const event = alarmEvent("gantry-b-high");
    expect(await resolveAlarmTarget(event, index)).toEqual({ targetId: "service/prod/b" });
  });

  it("does not keep a failed read", async () => {
    const clock = new VirtualClock();
    const listTargets = vi
      .fn()
      .mockRejectedValueOnce(new Error("throttled"))
      .mockResolvedValue({ records: [], problems: [] });
    const index = createAlarmTargetIndex({ store: { listTargets }, mapAlarms, clock });
    await expect(index()).rejects.toThrow("throttled");
    expect(await index()).toEqual(new Map());
  });
});
