// The Lambda bundles as `sst deploy` builds them, `nodejs.plugins` included (npm run bench:bundle measures them
// all, with import times): under the 1 MB goal and free of zod's locales, which `import { z } from "zod"` would
// pull in.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLE_GOAL_BYTES, bundleFunction } from "../../packages/functions/bench/sst-build.ts";
import { readSstFunctions } from "../../packages/functions/bench/sst-functions.ts";

const root = resolve(import.meta.dirname, "../..");
const functions = readSstFunctions(root);
const outDir = mkdtempSync(join(tmpdir(), "gantry-bundle-test-"));

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("the Lambda bundles", () => {
  it("are read from every function the SST app defines", () => {
    const plugins = "infra/esbuild-plugins.mjs";
    expect(functions.map((fn) => [fn.id, fn.handler, fn.architecture, fn.minify, fn.plugins])).toEqual([
      ["Backtest", "packages/functions/src/backtest.handler", "arm64", true, plugins],
      ["ApiHandler", "packages/functions/src/api.handler", "arm64", true, plugins],
      ["Tick", "packages/functions/src/tick.handler", "arm64", true, plugins],
      ["Alarm", "packages/functions/src/alarm.handler", "arm64", true, plugins],
    ]);
  });

  it.each(functions.map((fn) => [fn.id, fn]))(
    "%s: without zod's locales, under 1 MB (the API's too: it builds only the SDK clients its routes call)",
    async (id, fn) => {
      const dir = join(outDir, id);
      mkdirSync(dir);
      const bundle = await bundleFunction(fn, dir, root);
      expect(bundle.exports).toContain(fn.exportName);
      expect(bundle.zodLocales).toEqual([]);
      expect(bundle.bytes).toBeLessThanOrEqual(BUNDLE_GOAL_BYTES);
    },
  );
});
