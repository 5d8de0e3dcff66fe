// The Lambda side as a bundle, built as SST builds the tick (esbuild, ESM with the createRequire banner, every
// dependency inlined): its memory is then a Lambda's, not that of Node's TypeScript loader and its sources.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { SST_BANNER } from "../sst-build.ts";

export async function bundleLambdaSide(dir: string): Promise<string> {
  const outfile = join(dir, "bench-lambda.mjs");
  await build({
    entryPoints: [fileURLToPath(new URL("./one-size.ts", import.meta.url))],
    platform: "node",
    external: ["sharp", "pg-native"],
    keepNames: true,
    bundle: true,
    outfile,
    format: "esm",
    target: "es2023",
    mainFields: ["module", "main"],
    banner: { js: SST_BANNER },
    logLevel: "error",
  });
  return outfile;
}
