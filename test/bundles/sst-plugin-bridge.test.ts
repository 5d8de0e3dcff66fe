// infra/esbuild-plugins.mjs as `sst deploy` runs it (through SST 4.17's plugin bridge, which the bench emulates):
// zod's locale index shrinks to English, and zod still speaks English.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { bridge, sstPlugins } from "../../packages/functions/bench/sst-plugins.ts";

const root = resolve(import.meta.dirname, "../..");
const outDir = mkdtempSync(join(tmpdir(), "gantry-plugin-test-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

// `import { z }` used as a value keeps zod's whole namespace, locales included, as @hono/zod-openapi does.
const ENTRY = `import { z } from "zod";
export const locales = Object.keys(z.locales);
export const message = z.object({ min: z.number().min(0) }).safeParse({ min: "x" }).error.issues[0].message;
export const tooSmall = z.number().min(0).safeParse(-1).error.issues[0].message;
export const namespace = z;`;

async function bundle(name: string, plugins: Plugin[]) {
  const outfile = join(outDir, `${name}.mjs`);
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    outfile,
    metafile: true,
    plugins,
    logLevel: "error",
  });
  const inputs = Object.keys(result.metafile.inputs).filter((path) =>
    /zod\/v4\/locales\/(?!index)/.test(path),
  );
  const loaded = (await import(pathToFileURL(outfile).href)) as {
    locales: string[];
    message: string;
    tooSmall: string;
  };
  return { inputs, ...loaded };
}

/** A plugin that rewrites one file's contents, registered with `filter`. */
function marker(filter: RegExp): Plugin {
  return {
    name: "marker",
    setup(b) {
      b.onLoad({ filter }, (args) =>
        args.path.endsWith("locales/index.js")
          ? { contents: "export const en = 1;", loader: "js" }
          : undefined,
      );
    },
  };
}

describe("SST's plugin bridge, as the bench runs it", () => {
  it("runs a callback only when its filter matches the string 'undefined', as SST 4.17's plugin.mjs does", async () => {
    const precise = await bundle("precise", [bridge([marker(/locales[\\/]index\.js$/)])]);
    const catchAll = await bundle("catch-all", [bridge([marker(/.*/)])]);
    expect(precise.locales.length).toBeGreaterThan(40);
    expect(catchAll.locales).toEqual(["en"]);
  });
});

// SST's own bridge script, unpacked by `sst install` (npm run test:infra); the Go side sends it one JSON line per
// resolve and load and reads one reply line each.
const sstBridge = join(root, ".sst/platform/functions/nodejs-runtime/plugin.mjs");

describe.skipIf(!existsSync(sstBridge))("infra/esbuild-plugins.mjs under SST's own bridge script", () => {
  it("replaces zod's locale index and leaves the unreached credential providers external, and nothing else", () => {
    const index = join(root, "node_modules/zod/v4/locales/index.js");
    const other = join(root, "node_modules/zod/v4/locales/fr.js");
    const load = (path: string) => ({
      command: "load",
      value: { path, namespace: "file", suffix: "", with: {} },
    });
    const resolve = (path: string) => ({
      command: "resolve",
      value: {
        path,
        importer: "x.js",
        namespace: "file",
        resolveDir: root,
        kind: "dynamic-import",
        with: {},
      },
    });
    const messages = [
      load(index),
      load(other),
      resolve("@aws-sdk/credential-provider-ini"),
      resolve("@aws-sdk/credential-provider-env"),
    ];
    const lines = messages.map((message, id) => JSON.stringify({ id, ...message }));
    // The script waits for more lines until its input closes, as the Go side's pipe does when the build ends.
    const child = spawnSync(process.execPath, [sstBridge, join(root, "infra/esbuild-plugins.mjs")], {
      input: `${lines.join("\n")}\n`,
      encoding: "utf8",
      timeout: 5_000,
    });
    const replies = child.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { id: number; value: Record<string, unknown> })
      .sort((a, b) => a.id - b.id);
    expect(replies.map((reply) => reply.value)).toEqual([
      {
        contents: 'export { default as en } from "./en.js";\n',
        resolveDir: join(root, "node_modules/zod/v4/locales"),
        loader: "js",
      },
      {},
      { path: "@aws-sdk/credential-provider-ini", external: true },
      {},
    ]);
  });
});

describe("infra/esbuild-plugins.mjs (zod English only)", () => {
  it("leaves only English in z.locales, where zod alone bundles every language", async () => {
    const plain = await bundle("plain", []);
    const english = await bundle("english", [await sstPlugins(root, "infra/esbuild-plugins.mjs")]);
    expect(plain.inputs.length).toBeGreaterThan(40);
    expect(plain.locales).toContain("fr");
    expect(english.inputs.map((path) => path.replace(/.*\//, ""))).toEqual(["en.js"]);
    expect(english.locales).toEqual(["en"]);
  });

  it("keeps zod's English messages", async () => {
    const english = await bundle("messages", [await sstPlugins(root, "infra/esbuild-plugins.mjs")]);
    expect(english.message).toBe("Invalid input: expected number, received string");
    expect(english.tooSmall).toBe("Too small: expected number to be >=0");
  });
});
