import { describe, expect, it } from "vitest";
import { lazy } from "./lazy.ts";

describe("lazy", () => {
  it("builds once and keeps the value", () => {
    let builds = 0;
    const get = lazy(() => ({ id: ++builds }));
    expect(get()).toBe(get());
    expect(builds).toBe(1);
  });

  it("does not keep a failed build, so the next call tries again", () => {
    let env: string | undefined;
    const get = lazy(() => {
      if (!env) throw new Error("TABLE_NAME is not set");
      return env;
    });
    expect(get).toThrow("TABLE_NAME is not set");
    env = "gantry-state";
    expect(get()).toBe("gantry-state");
  });
});
