// The OpenAPI 3.1 document of the routes as @hono/zod-openapi registered them (paths, parameters, statuses).
// Its components are re-rendered with z.toJSONSchema (JSON Schema 2020-12, which OpenAPI 3.1 takes): request
// bodies on the input side (defaults optional), responses on the output side, exactly as the same zod schemas
// validate. The library's own rendering (zod-to-openapi 9) shows responses on the input side too (fields with
// defaults not required), drops integer bounds and renders the timestamp transform as its input.
import { ScheduledActionSchema } from "@gantry/core";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { COMPONENTS } from "./components.ts";

const OPENAPI_VERSION = "3.1.0";
const API_VERSION = "0.1.0";

type JsonSchema = Record<string, unknown>;

/** Timestamps parse from ISO text or epoch ms and come out as epoch ms: a transform JSON Schema cannot show. */
const TIMESTAMP = ScheduledActionSchema.shape.startTime.unwrap();

function requestJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input" }) as JsonSchema;
}

function responseJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    io: "output",
    unrepresentable: "any",
    override(ctx) {
      if (ctx.zodSchema !== TIMESTAMP) return;
      for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as JsonSchema)[key];
      Object.assign(ctx.jsonSchema, { type: "integer", minimum: 0, description: "epoch milliseconds" });
    },
  }) as JsonSchema;
}

const INFO = {
  title: "Gantry API",
  version: API_VERSION,
  description:
    "Read and steer Gantry, the ECS autoscaler. Errors are {error: {code, message, field}}; a method a path " +
    "does not serve answers 405 MethodNotAllowed with Allow, an unknown path 404 NoSuchRoute.",
};

const SIGV4 = {
  type: "apiKey",
  name: "Authorization",
  in: "header",
  "x-amazon-apigateway-authtype": "awsSigv4",
} as const;

// biome-ignore lint/suspicious/noExplicitAny: any hono app's routes are documented alike
type AnyOpenApiApp = OpenAPIHono<any, any, any>;

export function buildOpenApiDocument(app: AnyOpenApiApp): JsonSchema {
  const document = app.getOpenAPI31Document({
    openapi: OPENAPI_VERSION,
    info: INFO,
    security: [{ sigv4: [] }],
  });
  const schemas: Record<string, JsonSchema> = {};
  for (const name of Object.keys(document.components?.schemas ?? {})) {
    const component = COMPONENTS.get(name);
    if (!component) throw new Error(`the OpenAPI component ${name} has no zod schema in components.ts`);
    const { schema, side } = component;
    schemas[name] = side === "request" ? requestJsonSchema(schema) : responseJsonSchema(schema);
  }
  return { ...document, components: { schemas, securitySchemes: { sigv4: SIGV4 } } };
}
