import { existsSync, mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { build } from "esbuild";
import { sstPlugins } from "../../packages/functions/bench/sst-plugins.ts";

/** A handler the stand-in bundled: the Function's handler string and the file esbuild started from. */
export interface BuiltHandler {
  functionId: string;
  handler: string;
  entry: string;
  /** What the Function passed for its build: its `nodejs` options and `architecture`. */
  properties: { minify?: boolean; architecture?: string; plugins?: string };
  /** zod locale files other than English in the bundle (the `nodejs.plugins` file keeps them out). */
  zodLocales: number;
}

/**
 * A local stand-in for the sst CLI's RPC server (SST_SERVER): answers the two calls a deploy-less `run()` makes.
 * `Runtime.Build` really bundles the handler with esbuild, so a wrong handler path or a broken import fails; a
 * `nodejs.plugins` file runs as SST's plugin bridge runs it, so a broken one fails too.
 */
export async function startRpcStandIn(root: string, outDir: string) {
  const built: BuiltHandler[] = [];

  async function runtimeBuild(input: {
    functionID: string;
    handler: string;
    properties?: BuiltHandler["properties"];
  }) {
    const dot = input.handler.lastIndexOf(".");
    const file = input.handler.slice(0, dot);
    const exportName = input.handler.slice(dot + 1);
    const entry = [".ts", ".js", ".mjs"].map((ext) => join(root, file + ext)).find((f) => existsSync(f));
    if (!entry)
      return { handler: "", out: "", errors: [`no file for handler "${input.handler}"`], sourcemaps: [] };
    const out = join(outDir, input.functionID);
    mkdirSync(out, { recursive: true });
    const plugins = input.properties?.plugins ? [await sstPlugins(root, input.properties.plugins)] : [];
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node22",
      outfile: join(out, "index.mjs"),
      logLevel: "silent",
      metafile: true,
      minify: input.properties?.minify === true,
      plugins,
    });
    const exported = Object.values(result.metafile.outputs)[0]?.exports ?? [];
    if (!exported.includes(exportName)) {
      return { handler: "", out: "", errors: [`${entry} does not export "${exportName}"`], sourcemaps: [] };
    }
    built.push({
      functionId: input.functionID,
      handler: input.handler,
      entry,
      properties: input.properties ?? {},
      zodLocales: Object.keys(result.metafile.inputs).filter((path) =>
        /node_modules\/zod\/.*\/locales\/(?!en\.|index\.)/.test(path),
      ).length,
    });
    return { handler: `index.${exportName}`, out, errors: [], sourcemaps: [] };
  }

  const methods: Record<string, (args: never) => Promise<unknown>> = {
    "Provider.Aws.Bootstrap": async () => ({
      asset: "sst-asset-bucket",
      assetEcrRegistryId: "123456789012",
      assetEcrUrl: "123456789012.dkr.ecr.us-east-1.amazonaws.com/sst-asset",
      state: "sst-state-bucket",
      appsyncHttp: "",
      appsyncRealtime: "",
    }),
    "Runtime.Build": runtimeBuild as (args: never) => Promise<unknown>,
  };

  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", async () => {
      const { method, params } = JSON.parse(body) as { method: string; params: [never] };
      const fn = methods[method];
      try {
        const result = fn ? await fn(params[0]) : undefined;
        const error = fn ? null : `rpc: can't find method ${method}`;
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ result, error }));
      } catch (err) {
        res.writeHead(200).end(JSON.stringify({ result: null, error: String(err) }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    built,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
