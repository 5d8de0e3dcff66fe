import "@gantry/testing/test-env";
import { BODY_LIMIT_BYTES } from "@gantry/functions/api";
import { captureOutput } from "@gantry/testing";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { apiEvent, apiWorld, expectErrorShape, snapshot, workerConfig } from "./support/api-world.ts";

const PATH = "/targets/prod/worker";
const JSON_TYPE = { "content-type": "application/json" };

describe("routing", () => {
  it("answers 404 NoSuchRoute for an unknown path", async () => {
    const reply = await apiWorld().call({ method: "GET", path: "/nope" });
    expect(reply.status).toBe(404);
    expect(expectErrorShape(reply)).toMatchObject({ code: "NoSuchRoute", field: "path" });
  });

  it("answers 405 MethodNotAllowed with Allow for a known path", async () => {
    const reply = await apiWorld().call({ method: "PATCH", path: PATH, body: {} });
    expect(reply.status).toBe(405);
    expect(expectErrorShape(reply).code).toBe("MethodNotAllowed");
    expect(reply.headers.allow).toBe("GET, PUT, DELETE");
  });

  it("ignores a trailing slash and a named stage prefix", async () => {
    const world = apiWorld();
    expect((await world.call({ method: "GET", path: "/targets/" })).status).toBe(200);
    const event = apiEvent({ method: "GET", path: "/prod/targets" });
    event.requestContext.stage = "prod";
    const raw = await world.handler(event, world.context);
    expect(raw).toMatchObject({ statusCode: 200 });
  });

  it("answers 400 naming path for malformed percent-encoding", async () => {
    const reply = await apiWorld().call({ method: "GET", path: "/targets/%E0%A4%A/x" });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply).field).toBe("path");
  });

  it("answers 400 for an event without an HTTP method", async () => {
    const world = apiWorld();
    const raw = await world.handler({} as APIGatewayProxyEventV2, world.context);
    expect(raw).toMatchObject({ statusCode: 400 });
  });
});

describe("bodies", () => {
  it("accepts a base64-encoded JSON body", async () => {
    const world = apiWorld();
    const reply = await world.call({ method: "PUT", path: PATH, body: workerConfig(), base64: true });
    expect(reply.status).toBe(201);
  });

  it("accepts application/json with a UTF-8 charset and +json media types", async () => {
    const world = apiWorld();
    const body = JSON.stringify(workerConfig());
    for (const type of ["application/json; charset=UTF-8", "application/merge-patch+json"]) {
      const reply = await world.call({
        method: "PUT",
        path: PATH,
        rawBody: body,
        headers: { "content-type": type },
      });
      expect(reply.status).toBeLessThan(300);
    }
  });

  it.each([
    ["text/plain", "text/plain"],
    ["form", "application/x-www-form-urlencoded"],
    ["latin-1 JSON", "application/json; charset=iso-8859-1"],
  ])("answers 415 for %s", async (_, type) => {
    const world = apiWorld();
    const reply = await world.call({
      method: "PUT",
      path: PATH,
      rawBody: JSON.stringify(workerConfig()),
      headers: { "content-type": type },
    });
    expect(reply.status).toBe(415);
    expect(expectErrorShape(reply)).toMatchObject({ code: "UnsupportedMediaType", field: "content-type" });
    expect((await world.store.listTargets()).records).toEqual([]);
  });

  it("answers 415 for a body without a content type", async () => {
    const reply = await apiWorld().call({ method: "PUT", path: PATH, rawBody: "{}" });
    expect(reply.status).toBe(415);
  });

  it.each(["{", "{'a': 1}", "[1,]", "nul"])("answers 400 BadJson for %s", async (text) => {
    const reply = await apiWorld().call({ method: "PUT", path: PATH, rawBody: text, headers: JSON_TYPE });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply)).toMatchObject({ code: "BadJson", field: null });
  });

  it("answers 400 BadJson for a body that is not UTF-8", async () => {
    const world = apiWorld();
    const event = apiEvent({ method: "PUT", path: PATH, headers: JSON_TYPE });
    event.body = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString("base64");
    event.isBase64Encoded = true;
    const raw = await world.handler(event, world.context);
    expect(raw).toMatchObject({ statusCode: 400 });
  });

  it("answers 400 for a missing body where one is needed", async () => {
    const reply = await apiWorld().call({ method: "PUT", path: PATH, headers: JSON_TYPE });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply).field).toBe("body");
  });

  it.each([false, true])("answers 413 above 256 KiB (base64: %s) before parsing", async (base64) => {
    const world = apiWorld();
    await world.seed(workerConfig());
    const before = await snapshot(world);
    const padding = " ".repeat(BODY_LIMIT_BYTES);
    const reply = await world.call({
      method: "PUT",
      path: PATH,
      rawBody: `${padding}{`,
      headers: JSON_TYPE,
      base64,
    });
    expect(reply.status).toBe(413);
    expect(expectErrorShape(reply).code).toBe("PayloadTooLarge");
    expect(await snapshot(world)).toBe(before);
  });

  it("takes a body of exactly 256 KiB", async () => {
    const world = apiWorld();
    const json = JSON.stringify(workerConfig());
    const rawBody = json + " ".repeat(BODY_LIMIT_BYTES - Buffer.byteLength(json));
    const reply = await world.call({ method: "PUT", path: PATH, rawBody, headers: JSON_TYPE, base64: true });
    expect(reply.status).toBe(201);
  });
});

describe("unexpected errors", () => {
  it("answer 500 InternalError without the message or stack, logged once", async () => {
    const world = apiWorld({ logLevel: "WARN" });
    world.store.failNext("listTargets", new Error("secret detail at /var/task/index.js:1"));
    const { result, lines } = await captureOutput(() => world.call({ method: "GET", path: "/targets" }));
    expect(result.status).toBe(500);
    const error = expectErrorShape(result);
    expect(error).toEqual({
      code: "InternalError",
      message: "internal error (request req-1); see the logs",
      field: null,
    });
    expect(result.raw.body).not.toContain("secret");
    const errors = lines.filter((line) => line.level === "ERROR");
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0])).toContain("secret detail");
  });

  it("answer 500 for a GantryError with a code the API does not know", async () => {
    const world = apiWorld();
    const { GantryError, sdkErrorCode } = await import("@gantry/core");
    world.store.failNext("getTarget", new GantryError(sdkErrorCode("SomethingOdd"), "bad item"));
    const reply = await world.call({ method: "GET", path: PATH });
    expect(reply.status).toBe(500);
    expect(expectErrorShape(reply).code).toBe("InternalError");
  });
});
