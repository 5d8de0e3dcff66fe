import { NotFoundError, type QueueDepth, type QueuePort } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { readQueueDepths } from "./read-queue-depths.ts";

/** A QueuePort that records how many reads overlap; queues named `missing…` do not exist. */
function recordingPort(): QueuePort & { peak: number; calls: string[] } {
  let inFlight = 0;
  const port = {
    peak: 0,
    calls: [] as string[],
    async getQueueDepth(url: string): Promise<QueueDepth> {
      port.calls.push(url);
      inFlight += 1;
      port.peak = Math.max(port.peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1 + (url.length % 3)));
      inFlight -= 1;
      if (url.startsWith("missing")) throw new NotFoundError(`no queue ${url}`);
      return { visible: url.length, inFlight: 0, delayed: 0 };
    },
  };
  return port satisfies QueuePort;
}

describe("readQueueDepths", () => {
  it("never has more reads in flight than the bound", async () => {
    const port = recordingPort();
    const urls = Array.from({ length: 40 }, (_, i) => `queue-${i}`);
    const depths = await readQueueDepths(port, urls, { concurrency: 3 });
    expect(port.peak).toBe(3);
    expect(depths.size).toBe(40);
    expect([...depths.keys()]).toEqual(urls);
  });

  it("defaults to 8 and reads each URL once", async () => {
    const port = recordingPort();
    const urls = Array.from({ length: 30 }, (_, i) => `queue-${i % 20}`);
    await readQueueDepths(port, urls);
    expect(port.peak).toBe(8);
    expect(port.calls).toHaveLength(20);
  });

  it("keeps one queue's error beside the others' depths", async () => {
    const depths = await readQueueDepths(recordingPort(), ["queue-a", "missing-b", "queue-cc"]);
    expect(depths.get("queue-a")).toEqual({ visible: 7, inFlight: 0, delayed: 0 });
    expect(depths.get("missing-b")).toBeInstanceOf(NotFoundError);
    expect(depths.get("queue-cc")).toEqual({ visible: 8, inFlight: 0, delayed: 0 });
  });

  it("rejects a bound below 1", async () => {
    await expect(readQueueDepths(recordingPort(), ["q"], { concurrency: 0 })).rejects.toThrow(RangeError);
  });
});
