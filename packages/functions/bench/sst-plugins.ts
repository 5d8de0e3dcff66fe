// The `nodejs.plugins` file a function names, run as SST 4.17 runs it under `sst deploy`: its Go builder registers
// one catch-all plugin that forwards every resolve and load to a node process
// (.sst/platform/functions/nodejs-runtime/plugin.mjs). Emulated here so the bench's bundles are SST's: a plugin
// that only works under plain esbuild would shrink the bench's figures but not the deployed bundle.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { OnLoadArgs, OnLoadResult, OnResolveArgs, OnResolveResult, Plugin, PluginBuild } from "esbuild";

type Callback<A, R> = (args: A) => R | null | undefined | Promise<R | null | undefined>;
interface Registered<A, R> {
  filter: RegExp;
  callback: Callback<A, R>;
}

/**
 * The fields SST's Go side copies from a reply (plugin.go); anything else a plugin returns is dropped (pluginData
 * too: Go reads it as an int, which a JSON number never is). watchFiles and watchDirs matter only to `sst dev`.
 */
const MESSAGES = ["errors", "warnings"] as const;
const RESOLVE_FIELDS = ["pluginName", "path", "namespace", "suffix", "external", "sideEffects", ...MESSAGES];
const LOAD_FIELDS = ["pluginName", "loader", "contents", "resolveDir", ...MESSAGES];

/** Loads `file` (relative to `root`, as SST takes it from the project root) and bridges its plugins as SST does. */
export async function sstPlugins(root: string, file: string): Promise<Plugin> {
  const module = (await import(pathToFileURL(resolve(root, file)).href)) as { default?: unknown };
  if (!Array.isArray(module.default)) throw new Error(`${file}: SST needs a default export listing plugins`);
  return bridge(module.default as Plugin[]);
}

/** One plugin that runs `plugins`' callbacks the way SST's bridge does (plugin.mjs). */
export function bridge(plugins: Plugin[]): Plugin {
  const onResolve: Registered<OnResolveArgs, OnResolveResult>[] = [];
  const onLoad: Registered<OnLoadArgs, OnLoadResult>[] = [];
  // SST's stub API: only onResolve, onLoad and onEnd (never called back) exist.
  const stub = {
    onResolve: (options: { filter: RegExp }, callback: Callback<OnResolveArgs, OnResolveResult>) =>
      onResolve.push({ filter: options.filter, callback }),
    onLoad: (options: { filter: RegExp }, callback: Callback<OnLoadArgs, OnLoadResult>) =>
      onLoad.push({ filter: options.filter, callback }),
    onEnd: () => {},
  } as unknown as PluginBuild;
  for (const plugin of plugins) plugin.setup(stub);
  return {
    name: "sst-nodejs-plugin",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => firstReply(onResolve, args, RESOLVE_FIELDS));
      build.onLoad({ filter: /.*/ }, (args) => firstReply(onLoad, args, LOAD_FIELDS));
    },
  };
}

/**
 * SST tests each filter with `new RegExp(filter).test(msg.path)`, and `msg.path` is undefined (the path is in
 * `msg.value.path`): a filter runs only if it matches the string "undefined". The first truthy reply wins.
 */
async function firstReply<A, R extends object>(
  registered: Registered<A, R>[],
  args: A,
  fields: readonly string[],
): Promise<R | undefined> {
  for (const { filter, callback } of registered) {
    if (!new RegExp(filter).test(String(undefined))) continue;
    const reply = await callback(args);
    if (reply) return pick(reply, fields);
  }
  return undefined;
}

function pick<R extends object>(reply: R, fields: readonly string[]): R {
  return Object.fromEntries(Object.entries(reply).filter(([key]) => fields.includes(key))) as R;
}
