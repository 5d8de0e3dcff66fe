// infra/lambda-credential-providers.mjs as `sst deploy` runs it: the SDK's profile, SSO, process and web-identity
// providers stay out of the bundle, and a bundled client still takes Lambda's credentials from the environment.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SST_BANNER } from "../../packages/functions/bench/sst-build.ts";
import { sstPlugins } from "../../packages/functions/bench/sst-plugins.ts";

const root = resolve(import.meta.dirname, "../..");
const outDir = mkdtempSync(join(tmpdir(), "gantry-credentials-test-"));
const outfile = join(outDir, "bundle.mjs");
let inputs: string[] = [];
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

beforeAll(async () => {
  const result = await build({
    stdin: {
      contents: `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
export const credentials = () => new DynamoDBClient({ region: "us-east-1" }).config.credentials();`,
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    mainFields: ["module", "main"],
    banner: { js: SST_BANNER },
    outfile,
    metafile: true,
    plugins: [await sstPlugins(root, "infra/esbuild-plugins.mjs")],
    logLevel: "error",
  });
  inputs = Object.keys(result.metafile.inputs);
});

/** Resolves the bundled client's credentials in a fresh process (outside node_modules, as on Lambda). */
function credentialsWith(env: Record<string, string>) {
  const script = `const { credentials } = await import(${JSON.stringify(pathToFileURL(outfile).href)});
const { accessKeyId, sessionToken } = await credentials();
process.stdout.write(JSON.stringify({ accessKeyId, sessionToken }));`;
  // HOME is empty, so no profile file exists; IMDS is off.
  const base = { PATH: process.env.PATH ?? "", HOME: outDir, AWS_EC2_METADATA_DISABLED: "true" };
  return spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...base, ...env },
    encoding: "utf8",
  });
}

describe("infra/esbuild-plugins.mjs (credential providers)", () => {
  it("leaves the providers Lambda never reaches, and the STS/SSO clients they need, out of the bundle", () => {
    expect(
      inputs.filter((path) => /@aws-sdk\/(nested-clients|credential-provider-(ini|sso))\//.test(path)),
    ).toEqual([]);
    expect(inputs.some((path) => path.includes("@aws-sdk/credential-provider-env/"))).toBe(true);
  });

  it("takes the credentials Lambda sets in the environment", () => {
    const child = credentialsWith({
      AWS_ACCESS_KEY_ID: "ASIAFAKEFAKEFAKEFAKE",
      AWS_SECRET_ACCESS_KEY: "fake-secret",
      AWS_SESSION_TOKEN: "fake-token",
    });
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({
      accessKeyId: "ASIAFAKEFAKEFAKEFAKE",
      sessionToken: "fake-token",
    });
  });

  it("without them, fails on the missing profile provider (it would fail on Lambda's missing profile anyway)", () => {
    const child = credentialsWith({});
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain("@aws-sdk/credential-provider-ini");
  });
});
