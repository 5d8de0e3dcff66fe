// The API app under `gantry dev`'s server: the same answers as the Lambda, over HTTP, only to its own pages.
import "@gantry/testing/test-env";
import { request as httpRequest } from "node:http";
import { BODY_LIMIT_BYTES, createApiApp } from "@gantry/functions/api";
import { createQuietObservability } from "@gantry/functions/observability";
import { MemoryStateStore } from "@gantry/runtime/local-stack";
import { VirtualClock } from "@gantry/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../../packages/cli/src/dev/dev-server.ts";
import type { LocalServer } from "../../packages/cli/src/http/local-server.ts";
import { apiWorld, workerConfig } from "../api/support/api-world.ts";

let server: LocalServer;
let store: MemoryStateStore;

beforeAll(async () => {
  const clock = new VirtualClock(Date.UTC(2026, 0, 5, 12));
  store = new MemoryStateStore(clock);
  const api = createApiApp({ store, clock, ...createQuietObservability("gantry-test", "SILENT") });
  server = await startDevServer({ port: 0, host: "127.0.0.1", api });
});

afterAll(() => server.close());

const JSON_TYPE = { "content-type": "application/json" };

/** A raw request, so that Host and Origin can be set as a hostile page's browser would. */
function rawRequest(method: string, path: string, headers: Record<string, string>, body = "") {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest(`${server.url}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      });
      req.on("error", reject);
      req.end(body);
    },
  );
}

describe("the local API server", () => {
  it("answers 413 above 256 KiB in the same shape as the Lambda, field included", async () => {
    const body = " ".repeat(BODY_LIMIT_BYTES + 1);
    const local = await fetch(`${server.url}/targets/prod/worker`, {
      method: "PUT",
      headers: JSON_TYPE,
      body,
    });
    const lambda = await apiWorld().call({ method: "PUT", path: "/targets/prod/worker", rawBody: body });
    expect(local.status).toBe(413);
    expect(lambda.status).toBe(413);
    expect(await local.json()).toEqual(lambda.body);
    expect(lambda.body.error).toMatchObject({ code: "PayloadTooLarge", field: "body" });
  });

  it("creates a target with ETag, then refuses a stale If-Match with 409 Conflict", async () => {
    const url = `${server.url}/targets/prod/worker`;
    const body = JSON.stringify(workerConfig());
    const created = await fetch(url, { method: "PUT", headers: JSON_TYPE, body });
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBe('"1"');
    expect(created.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const stale = await fetch(url, { method: "PUT", headers: { ...JSON_TYPE, "if-match": '"7"' }, body });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe("Conflict");
  });

  it("answers 405 with Allow, and no CORS headers", async () => {
    const reply = await fetch(`${server.url}/targets`, { method: "PATCH" });
    expect(reply.status).toBe(405);
    expect(reply.headers.get("allow")).toBe("GET");
    expect(reply.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("refuses other origins, cross-site requests and DNS-rebound hosts before the API runs them", async () => {
    const own = new URL(server.url).host;
    const config = JSON.stringify({ target: { id: "service/prod/evil", minCapacity: 0, maxCapacity: 1 } });
    const attempts: Record<string, string>[] = [
      { host: own, origin: "http://evil.example", "content-type": "text/plain" },
      { host: `evil.example:${server.port}`, "content-type": "application/json" },
      { host: own, "sec-fetch-site": "cross-site", "content-type": "text/plain" },
    ];
    for (const headers of attempts) {
      const reply = await rawRequest("PUT", "/targets/prod/evil", headers, config);
      expect(reply.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(reply.body).error).toMatchObject({ code: "Forbidden", field: null });
      expect(JSON.parse(reply.body).error.message).toMatch(/^gantry dev answers only its own pages: /);
      expect(reply.headers["access-control-allow-origin"]).toBeUndefined();
    }
    expect(await store.getTarget("service/prod/evil")).toBeUndefined();
    const preflight = await rawRequest("OPTIONS", "/targets/prod/evil", {
      host: own,
      origin: "http://evil.example",
      "access-control-request-method": "PUT",
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    const same = await rawRequest(
      "PUT",
      "/targets/prod/evil",
      {
        host: own,
        origin: `http://${own}`,
        "sec-fetch-site": "same-origin",
        "content-type": "application/json",
      },
      config,
    );
    expect(same.status, same.body).toBe(201);
  });

  it("serves the not-built page at / to anyone, framing refused", async () => {
    const page = await rawRequest("GET", "/", { host: new URL(server.url).host });
    expect(page.status).toBe(200);
    expect(page.body).toContain("/openapi.json");
    expect(page.headers["x-frame-options"]).toBe("DENY");
  });
});
