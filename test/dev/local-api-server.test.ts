// The API app under @hono/node-server as `gantry dev` serves it: the same answers as the Lambda, over HTTP.
import "@gantry/testing/test-env";
import { createApiApp } from "@gantry/functions/api";
import { BODY_LIMIT_BYTES, type LocalServer, startLocalServer } from "@gantry/functions/local";
import { createQuietObservability } from "@gantry/functions/observability";
import { MemoryStateStore } from "@gantry/runtime/local-stack";
import { VirtualClock } from "@gantry/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiWorld, workerConfig } from "../api/support/api-world.ts";

let server: LocalServer;

beforeAll(async () => {
  const clock = new VirtualClock(Date.UTC(2026, 0, 5, 12));
  const store = new MemoryStateStore(clock);
  const api = createApiApp({ store, clock, ...createQuietObservability("gantry-test", "SILENT") });
  server = await startLocalServer({ port: 0, api });
});

afterAll(() => server.close());

const JSON_TYPE = { "content-type": "application/json" };

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

  it("answers 405 with Allow and CORS headers", async () => {
    const reply = await fetch(`${server.url}/targets`, { method: "PATCH" });
    expect(reply.status).toBe(405);
    expect(reply.headers.get("allow")).toBe("GET");
    expect(reply.headers.get("access-control-allow-origin")).toBe("*");
  });
});
