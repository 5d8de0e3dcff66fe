import "@gantry/testing/test-env";
import { PolicySchema, ScheduledActionSchema, TargetConfigSchema } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  DesiredCountBodySchema,
  DryRunBodySchema,
  ErrorBodySchema,
  SimulateBodySchema,
  SuspendBodySchema,
} from "../../packages/functions/src/api/api-schemas.ts";
import { apiWorld } from "./support/api-world.ts";

/** The public contract (issue E §1). */
const CONTRACT = [
  "GET /targets",
  "GET /targets/{cluster}/{service}",
  "PUT /targets/{cluster}/{service}",
  "DELETE /targets/{cluster}/{service}",
  // Issue G: a target's stored item as is, to inspect and repair a corrupt one.
  "GET /targets/{cluster}/{service}/raw",
  "PUT /targets/{cluster}/{service}/policies/{name}",
  "DELETE /targets/{cluster}/{service}/policies/{name}",
  "PUT /targets/{cluster}/{service}/scheduled-actions/{name}",
  "DELETE /targets/{cluster}/{service}/scheduled-actions/{name}",
  "POST /targets/{cluster}/{service}/suspend",
  "POST /targets/{cluster}/{service}/resume",
  "POST /targets/{cluster}/{service}/desired-count",
  "PUT /targets/{cluster}/{service}/dry-run",
  "GET /targets/{cluster}/{service}/activities",
  "GET /targets/{cluster}/{service}/series",
  "POST /targets/{cluster}/{service}/simulate",
  "GET /simulations/{id}",
  // Ours, beyond issue E's list: the second stage's groups (issue D).
  "GET /capacity",
  "GET /capacity/{name}/activities",
  "GET /capacity/{name}/series",
  "GET /openapi.json",
];

// biome-ignore lint/suspicious/noExplicitAny: walking a JSON document whose shape the assertions check
type Json = Record<string, any>;

async function fetchDocument(): Promise<{ doc: Json; text: string }> {
  const world = apiWorld();
  const reply = await world.call({ method: "GET", path: "/openapi.json" });
  expect(reply.status).toBe(200);
  return { doc: reply.body, text: reply.raw.body as string };
}

function operations(doc: Json): [string, Json][] {
  return Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json).map(
      ([method, op]) => [`${method.toUpperCase()} ${path}`, op as Json] as [string, Json],
    ),
  );
}

function resolve(doc: Json, ref: { $ref: string }): Json {
  const [hash, ...parts] = ref.$ref.split("/");
  expect(hash).toBe("#");
  return parts.reduce((node: Json, key) => node?.[key], doc);
}

function requestSchema(doc: Json, key: string): Json {
  const [method, path] = key.split(" ") as [string, string];
  const op = doc.paths[path][method.toLowerCase()];
  return resolve(doc, op.requestBody.content["application/json"].schema);
}

describe("GET /openapi.json", () => {
  it("is an OpenAPI 3.1 document listing every route of the contract, and only those", async () => {
    const { doc, text } = await fetchDocument();
    expect(JSON.parse(text)).toEqual(doc);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "Gantry API" });
    expect(
      operations(doc)
        .map(([key]) => key)
        .sort(),
    ).toEqual([...CONTRACT].sort());
  });

  it("answers 405 with Allow listing exactly the contract's methods on each path", async () => {
    const world = apiWorld();
    const byPath = new Map<string, string[]>();
    for (const [method, path] of CONTRACT.map((key) => key.split(" ") as [string, string])) {
      byPath.set(path, [...(byPath.get(path) ?? []), method]);
    }
    for (const [template, methods] of byPath) {
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === "id" ? "job-1" : `x${name}`,
      );
      const reply = await world.call({ method: "PATCH", path });
      expect(reply.status, template).toBe(405);
      expect(reply.headers.allow?.split(", ").sort(), template).toEqual([...methods].sort());
    }
  });

  it("declares every path parameter, with unique operation ids", async () => {
    const { doc } = await fetchDocument();
    const ids = new Set<string>();
    for (const [key, op] of operations(doc)) {
      const path = key.split(" ")[1] as string;
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = ((op.parameters ?? []) as Json[]).filter((p) => p.in === "path");
      expect(
        declared.map((p) => p.name),
        key,
      ).toEqual(templated);
      for (const p of declared) expect(p).toMatchObject({ required: true, schema: { type: "string" } });
      expect(ids.has(op.operationId)).toBe(false);
      ids.add(op.operationId);
      expect(Object.keys(op.responses).length).toBeGreaterThan(1);
    }
  });

  it("documents the query parameters of activities and series, and If-Match on conditional writes", async () => {
    const { doc } = await fetchDocument();
    const names = (key: string, where: string) =>
      ((Object.fromEntries(operations(doc))[key]?.parameters ?? []) as Json[])
        .filter((p) => p.in === where)
        .map((p) => p.name);
    expect(names("GET /targets/{cluster}/{service}/activities", "query")).toEqual(["limit", "cursor"]);
    expect(names("GET /targets/{cluster}/{service}/series", "query")).toEqual(["from", "to"]);
    expect(names("PUT /targets/{cluster}/{service}", "header")).toEqual(["If-Match"]);
    expect(names("POST /targets/{cluster}/{service}/desired-count", "header")).toEqual([]);
    // Every route that honours If-Match declares it (and answers 409), so typed clients can send it.
    const conditional = CONTRACT.filter(
      (key) => /^(PUT|DELETE|POST) /.test(key) && !/desired-count|simulate/.test(key),
    );
    expect(conditional).toHaveLength(9);
    for (const key of conditional) {
      expect(names(key, "header"), key).toEqual(["If-Match"]);
      expect(Object.fromEntries(operations(doc))[key]?.responses["409"], key).toBeDefined();
    }
  });

  it("has request schemas equal to z.toJSONSchema of the same zod schemas (input side)", async () => {
    const { doc } = await fetchDocument();
    const input = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input" });
    expect(requestSchema(doc, "PUT /targets/{cluster}/{service}")).toEqual(input(TargetConfigSchema));
    expect(requestSchema(doc, "PUT /targets/{cluster}/{service}/policies/{name}")).toEqual(
      input(PolicySchema),
    );
    expect(requestSchema(doc, "PUT /targets/{cluster}/{service}/scheduled-actions/{name}")).toEqual(
      input(ScheduledActionSchema),
    );
    expect(requestSchema(doc, "POST /targets/{cluster}/{service}/suspend")).toEqual(input(SuspendBodySchema));
    expect(requestSchema(doc, "POST /targets/{cluster}/{service}/resume")).toEqual(input(SuspendBodySchema));
    expect(requestSchema(doc, "PUT /targets/{cluster}/{service}/dry-run")).toEqual(input(DryRunBodySchema));
    expect(requestSchema(doc, "POST /targets/{cluster}/{service}/desired-count")).toEqual(
      input(DesiredCountBodySchema),
    );
    expect(requestSchema(doc, "POST /targets/{cluster}/{service}/simulate")).toEqual(
      input(SimulateBodySchema),
    );
  });

  it("gives every operation the error shape, and every reference resolves", async () => {
    const { doc, text } = await fetchDocument();
    expect(doc.components.schemas.Error).toEqual(z.toJSONSchema(ErrorBodySchema, { io: "output" }));
    for (const [key, op] of operations(doc)) {
      expect(op.responses["500"]?.content["application/json"].schema, key).toEqual({
        $ref: "#/components/schemas/Error",
      });
    }
    for (const match of text.matchAll(/"\$ref":"([^"]+)"/g)) {
      expect(resolve(doc, { $ref: match[1] as string }), match[1]).toBeDefined();
    }
    const put = doc.paths["/targets/{cluster}/{service}"].put;
    expect(Object.keys(put.responses).sort()).toEqual([
      "200",
      "201",
      "400",
      "404",
      "409",
      "413",
      "415",
      "500",
    ]);
    const startTime =
      doc.components.schemas.TargetView.properties.config.properties.scheduledActions.items.properties
        .startTime;
    expect(startTime).toMatchObject({ type: "integer" });
  });
});
