import { describe, expect, it } from "vitest";
import type { SimMetricName } from "../scalers/scaler.ts";
import { SimAccount } from "./sim-account.ts";

const MIN = 60_000;

function lastTimestamp(points: { timestamp: number }[]): number | undefined {
  return points.at(-1)?.timestamp;
}

describe("CloudWatch datapoints", () => {
  it("aggregates each minute and publishes it only after the delay", () => {
    const account = new SimAccount();
    const service = account.addService({ name: "w", initialDesired: 0 });
    account.advanceTo(10_000);
    account.send(service.queueUrl, 60);
    const get = (metric: SimMetricName) => service.datapoints(metric, 0, account.now());
    account.advanceTo(3 * MIN - 1);
    expect(get("ApproximateNumberOfMessagesVisible")).toEqual([]);
    account.advanceTo(3 * MIN);
    // Samples at 0..10 s saw an empty queue (the tick at 10 s precedes the send), 11..59 s saw 60.
    expect(get("ApproximateNumberOfMessagesVisible")).toEqual([{ timestamp: 0, value: 49 }]);
    expect(get("NumberOfMessagesSent")).toEqual([{ timestamp: 0, value: 60 }]);
    expect(get("ApproximateNumberOfMessagesNotVisible")).toEqual([{ timestamp: 0, value: 0 }]);
    expect(get("RunningTaskCount")).toEqual([{ timestamp: 0, value: 0 }]);
  });

  it("takes the delay from cloudwatchDelaySeconds", () => {
    const account = new SimAccount({ cloudwatchDelaySeconds: 0 });
    const service = account.addService({ name: "w", initialDesired: 2 });
    account.advanceTo(MIN);
    expect(service.datapoints("RunningTaskCount", 0, account.now())).toEqual([{ timestamp: 0, value: 2 }]);
  });

  it("holds SQS datapoints wakeDelaySeconds after an inactive queue wakes", () => {
    const account = new SimAccount({ wakeIdleSeconds: 900, wakeDelaySeconds: 900 });
    const service = account.addService({ name: "w" });
    const latest = (metric: SimMetricName) => lastTimestamp(service.datapoints(metric, 0, account.now()));
    account.advanceTo(1000_000);
    expect(latest("NumberOfMessagesSent")).toBe(780_000);
    account.send(service.queueUrl, 1);
    account.advanceTo(1899_999);
    // Minute 840 s would have been published at 1020 s: the wake holds it, and everything after.
    expect(latest("NumberOfMessagesSent")).toBe(780_000);
    expect(latest("RunningTaskCount")).toBe(1680_000);
    account.advanceTo(1900_000);
    expect(latest("NumberOfMessagesSent")).toBe(1680_000);
    expect(latest("ApproximateNumberOfMessagesVisible")).toBe(1680_000);
    account.advanceTo(1980_000);
    expect(latest("NumberOfMessagesSent")).toBe(1800_000);
  });

  it("does not wake a queue that tasks poll, nor one active recently", () => {
    const account = new SimAccount();
    const polled = account.addService({ name: "polled", initialDesired: 1 });
    const recent = account.addService({ name: "recent" });
    account.advanceTo(500_000);
    // No task takes it: a message in the queue keeps the queue active.
    account.send(recent.queueUrl, 1);
    account.advanceTo(1000_000);
    account.send(polled.queueUrl, 1);
    account.send(recent.queueUrl, 1);
    account.advanceTo(1300_000);
    for (const service of [polled, recent]) {
      expect(lastTimestamp(service.datapoints("NumberOfMessagesSent", 0, account.now()))).toBe(1080_000);
    }
  });
});
