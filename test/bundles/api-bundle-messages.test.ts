// The API bundle as `sst deploy` ships it (zod's locales cut to English by infra/esbuild-plugins.mjs), invoked in
// a fresh process with the Lambda environment: a request zod rejects is answered in English, as from the sources.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { lambdaEnv } from "../../packages/functions/bench/cold-import.ts";
import { bundleFunction } from "../../packages/functions/bench/sst-build.ts";
import { readSstFunctions } from "../../packages/functions/bench/sst-functions.ts";

const root = resolve(import.meta.dirname, "../..");
const api = readSstFunctions(root).find((fn) => fn.id === "ApiHandler");
const outDir = mkdtempSync(join(tmpdir(), "gantry-api-bundle-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** A PUT whose body zod rejects before any AWS call (the SDK would find no credentials and fail otherwise). */
function badPut(body: unknown) {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: "/targets/prod/worker",
    rawQueryString: "",
    headers: { "content-type": "application/json" },
    requestContext: {
      accountId: "123456789012",
      apiId: "api",
      domainName: "api.example.com",
      domainPrefix: "api",
      http: {
        method: "PUT",
        path: "/targets/prod/worker",
        protocol: "HTTP/1.1",
        sourceIp: "127.0.0.1",
        userAgent: "test",
      },
      requestId: "req-1",
      routeKey: "$default",
      stage: "$default",
      time: "03/Dec/2026:12:00:00 +0000",
      timeEpoch: 1_796_299_200_000,
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

describe.skipIf(!api)("the API bundle", () => {
  it("answers a body zod rejects with zod's English message", async () => {
    if (!api) return;
    const bundle = await bundleFunction(api, outDir, root);
    expect(bundle.zodLocales).toEqual([]);
    const event = badPut({ target: { id: "service/prod/worker", minCapacity: -1, maxCapacity: 2 } });
    const script = [
      `const { ${api.exportName}: handler } = await import(${JSON.stringify(pathToFileURL(bundle.file).href)});`,
      'const context = { awsRequestId: "req-1", functionName: "gantry-bench-ApiHandler", getRemainingTimeInMillis: () => 29000 };',
      `const result = await handler(${JSON.stringify(event)}, context);`,
      'process.stdout.write("\\n" + JSON.stringify(result));',
    ].join("\n");
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      // No X-Ray daemon or metrics flush here; the handler's own logs go to stdout before the result line.
      env: { ...lambdaEnv(api), POWERTOOLS_TRACE_ENABLED: "false", POWERTOOLS_METRICS_DISABLED: "true" },
      encoding: "utf8",
    });
    expect(child.status, child.stderr).toBe(0);
    const result = JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "") as {
      statusCode: number;
      body: string;
    };
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).error).toMatchObject({
      code: "ValidationError",
      field: "target.minCapacity",
      message: expect.stringContaining("Too small: expected number to be >=0"),
    });
  });
});
