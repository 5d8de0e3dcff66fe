import { describe, expect, it } from "vitest";
import { boundGroupDesired } from "./group-size-limits.ts";

const group = { groupMinSize: 1, groupMaxSize: 10 };

describe("boundGroupDesired", () => {
  it.each([
    { planned: 6, draining: 2, value: 8, code: undefined },
    { planned: 10, draining: 0, value: 10, code: undefined },
    { planned: 9, draining: 3, value: 10, code: "AtGroupMaxSize" },
    { planned: 12, draining: 0, value: 10, code: "AtGroupMaxSize" },
    { planned: 0, draining: 0, value: 1, code: "AtGroupMinSize" },
    { planned: 0, draining: 1, value: 1, code: undefined },
  ])("$planned planned + $draining draining → $value", ({ planned, draining, value, code }) => {
    const bounded = boundGroupDesired(planned, draining, group);
    expect(bounded.value).toBe(value);
    expect(bounded.reason?.code).toBe(code);
  });

  it("says what the cap costs: a wait while instances drain, a misconfiguration otherwise", () => {
    expect(boundGroupDesired(9, 3, group).reason?.message).toBe(
      "12 instances wanted in the group (9 planned + 3 draining), capped at its MaxSize 10: " +
        "2 planned instances wait for draining ones to terminate",
    );
    expect(boundGroupDesired(12, 0, group).reason?.message).toBe(
      "12 instances wanted in the group, capped at its MaxSize 10: " +
        "2 planned instances cannot launch until MaxSize is raised or maxInstances lowered",
    );
  });
});
