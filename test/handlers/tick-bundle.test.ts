import { describe, expect, it } from "vitest";
import { bundledModules } from "./bundled-modules.ts";

// The X-Ray SDK installs async hooks on import (cls-hooked) that track every promise of the process: about a fifth
// of a tick pass's CPU (tracing.ts). Only the handlers that trace their AWS calls may carry it.
const xray = (modules: string[]) => modules.filter((m) => /aws-xray-sdk-core|cls-hooked/.test(m));

describe("the X-Ray SDK in the Lambda bundles", () => {
  it("is not in the tick's bundle", async () => {
    const modules = await bundledModules("tick");
    expect(modules.some((m) => m.includes("packages/runtime/src/reconciler.ts"))).toBe(true);
    expect(xray(modules)).toEqual([]);
  }, 60_000);

  it("is in the alarm handler's bundle, whose AWS calls are traced", async () => {
    expect(xray(await bundledModules("alarm"))).not.toEqual([]);
  }, 60_000);
});
