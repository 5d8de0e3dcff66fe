import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The modules esbuild puts in a handler's bundle, as infra's Runtime.Build bundles it. */
export async function bundledModules(handler: string): Promise<string[]> {
  const result = await build({
    entryPoints: [`${root}packages/functions/src/${handler}.ts`],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return Object.keys(result.metafile.inputs);
}
