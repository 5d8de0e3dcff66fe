import { GantryError, sdkErrorCode, ThrottledError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { type FaultAction, withFaultHooks } from "./fault-hooks.ts";
import { withRetries } from "./with-retries.ts";

function counter() {
  return {
    value: 0,
    async add(n: number) {
      this.value += n;
      return this.value;
    },
  };
}

const settledWithin = (promise: Promise<unknown>) =>
  Promise.race([promise.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 20))]);

describe("fault hooks", () => {
  it("fails before the effect, or after it landed", async () => {
    const port = counter();
    const actions: (FaultAction | undefined)[] = [
      { kind: "fail-before", error: new Error("before") },
      { kind: "fail-after", error: new Error("after") },
      undefined,
    ];
    const hooked = withFaultHooks(port, "counter", () => actions.shift());
    await expect(hooked.add(1)).rejects.toThrow("before");
    expect(port.value).toBe(0);
    await expect(hooked.add(1)).rejects.toThrow("after");
    expect(port.value).toBe(1);
    await expect(hooked.add(1)).resolves.toBe(2);
  });

  it("never answers a hung call, and says so", async () => {
    const port = counter();
    const hung: string[] = [];
    const hooked = withFaultHooks(port, "counter", () => ({ kind: "hang-after" }), {
      onHang: (call) => hung.push(`${call.port}.${call.method}`),
    });
    expect(await settledWithin(hooked.add(5))).toBe(false);
    expect(port.value).toBe(5);
    expect(hung).toEqual(["counter.add"]);
  });

  it("marks a retried call's final error with its attempts, as the SDK does", async () => {
    const port = counter();
    const errors = [
      new GantryError(sdkErrorCode("ServerException"), "500", undefined, {
        cause: { $metadata: { httpStatusCode: 500 } },
      }),
      new ThrottledError("slow down"),
    ];
    const hooked = withRetries(
      withFaultHooks(port, "counter", () => {
        const error = errors.shift() ?? new ThrottledError("again");
        return { kind: "fail-after", error };
      }),
      3,
    );
    const failure = await hooked.add(1).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ThrottledError);
    expect((failure as { $metadata?: { attempts?: number } }).$metadata?.attempts).toBe(3);
    expect(port.value).toBe(3);
  });
});
