// Bundles a handler the way `sst deploy` does: SST 4.17's Go builder (pkg/runtime/node/build.go, not `sst dev`)
// for a function whose `nodejs` options are `minify` and `plugins`. Kept beside the bench so its figures are SST's.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { type BuildOptions, build, type Metafile, type Plugin } from "esbuild";
import type { SstFunction } from "./sst-functions.ts";
import { sstPlugins } from "./sst-plugins.ts";

/** The bench's goal per bundle (issue H): 1 MB, counted in decimal bytes. */
export const BUNDLE_GOAL_BYTES = 1_000_000;

/** SST's esbuild target per Lambda runtime (build.go targetMap). */
const TARGETS: Record<string, string> = {
  "nodejs24.x": "es2024",
  "nodejs22.x": "es2023",
  "nodejs20.x": "es2023",
};

/** SST's ESM banner: `require`, `__filename` and `__dirname` for bundled CommonJS code, then the user banner. */
export const SST_BANNER = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __filename = topLevelFileUrlToPath(import.meta.url)`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
  "",
].join("\n");

/**
 * SST's options: ESM, every dependency bundled (the AWS SDK too: only `sharp` and `pg-native` are external),
 * names kept, a linked source map (uploaded apart from the code), minified only when asked, and the function's
 * `nodejs.plugins` bridged as SST bridges them (sstPlugins).
 */
export function sstBuildOptions(fn: SstFunction, outfile: string, plugins: Plugin[] = []): BuildOptions {
  const target = TARGETS[fn.runtime];
  if (!target) throw new Error(`${fn.id}: no esbuild target known for runtime ${fn.runtime}`);
  return {
    entryPoints: [fn.entry],
    platform: "node",
    external: ["sharp", "pg-native"],
    keepNames: true,
    bundle: true,
    metafile: true,
    outfile,
    sourcemap: "linked",
    format: "esm",
    target,
    mainFields: ["module", "main"],
    banner: { js: SST_BANNER },
    minifyWhitespace: fn.minify,
    minifySyntax: fn.minify,
    minifyIdentifiers: fn.minify,
    plugins,
    logLevel: "error",
  };
}

/** What one handler's bundle weighs. */
export interface BundleFigures {
  /** The file Lambda loads (`bundle.mjs`; its source map is not deployed with it). */
  file: string;
  bytes: number;
  gzipBytes: number;
  /** zod locales other than English that made it into the bundle (zod itself loads only `en`; the index that
   * lists them is not one). */
  zodLocales: string[];
  exports: string[];
}

/** Bundles `fn` into `dir/bundle.mjs`, the name SST gives it; `root` is the project's, where SST runs. */
export async function bundleFunction(fn: SstFunction, dir: string, root: string): Promise<BundleFigures> {
  const file = join(dir, "bundle.mjs");
  const plugins = fn.plugins ? [await sstPlugins(resolve(root), fn.plugins)] : [];
  const result = await build(sstBuildOptions(fn, file, plugins));
  const code = readFileSync(file);
  const outputs = Object.entries(result.metafile?.outputs ?? {});
  const output = outputs.find(([path]) => path.endsWith(".mjs"))?.[1];
  if (!output) throw new Error(`${fn.id}: esbuild reported no bundle.mjs`);
  return {
    file,
    bytes: code.length,
    gzipBytes: gzipSync(code).length,
    zodLocales: zodLocalesIn(output),
    exports: output.exports,
  };
}

function zodLocalesIn(output: Metafile["outputs"][string]): string[] {
  return Object.entries(output.inputs)
    .filter(
      ([path, input]) =>
        input.bytesInOutput > 0 && /node_modules\/zod\/.*\/locales\/(?!en\.|index\.)/.test(path),
    )
    .map(([path]) => path);
}
