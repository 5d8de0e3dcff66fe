// The OpenAPI 3.1 document, generated from the route table and the same zod schemas that validate requests.
// OpenAPI 3.1 schemas are JSON Schema 2020-12, which z.toJSONSchema emits: request bodies and parameters on
// the input side (defaults optional), responses on the output side.
import { PolicySchema, ScheduledActionSchema, TargetConfigSchema } from "@gantry/core";
import { z } from "zod";
import {
  ActivityPageSchema,
  DesiredCountBodySchema,
  DesiredCountResultSchema,
  DryRunBodySchema,
  ErrorBodySchema,
  OpenApiDocumentSchema,
  SeriesResponseSchema,
  SimulateBodySchema,
  SimulationReportSchema,
  SuspendBodySchema,
  TargetListSchema,
  TargetViewSchema,
} from "./api-schemas.ts";
import { defineRoute, type Route } from "./router.ts";

export const OPENAPI_VERSION = "3.1.0";
export const API_VERSION = "0.1.0";

type JsonSchema = Record<string, unknown>;

/** Timestamps parse from ISO text or epoch ms and come out as epoch ms: a transform JSON Schema cannot show. */
const TIMESTAMP = ScheduledActionSchema.shape.startTime.unwrap();

export function requestJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input" }) as JsonSchema;
}

export function responseJsonSchema(schema: z.ZodType): JsonSchema {
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

const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: "Invalid input: ValidationError (field names the offending input), BadJson, BadRequest",
  404: "NotFound: no such target (or policy, scheduled action, ECS service)",
  409: "Conflict: If-Match does not match the target's version, or a concurrent write won; CorruptItem: the stored target no longer parses (GET …/raw shows it, PUT or DELETE repairs it)",
  413: "PayloadTooLarge: the body is over 256 KiB",
  415: "UnsupportedMediaType: the body is not application/json",
  429: "Throttled: retry with backoff",
  500: "InternalError: unexpected; logged with the request id",
  501: "NotConfigured: this deployment lacks the port the route needs",
  502: "UpstreamFailed: the AWS call failed",
};

type Side = "request" | "response";

/** Component names of the shared schemas; others are named after their operation. */
const COMPONENT_NAMES: ReadonlyMap<z.ZodType, string> = new Map<z.ZodType, string>([
  [TargetConfigSchema, "TargetConfig"],
  [PolicySchema, "Policy"],
  [ScheduledActionSchema, "ScheduledAction"],
  [SuspendBodySchema, "SuspendRequest"],
  [DryRunBodySchema, "DryRunRequest"],
  [DesiredCountBodySchema, "DesiredCountRequest"],
  [SimulateBodySchema, "SimulateRequest"],
  [TargetViewSchema, "TargetView"],
  [TargetListSchema, "TargetList"],
  [ActivityPageSchema, "ActivityPage"],
  [DesiredCountResultSchema, "DesiredCountResult"],
  [SeriesResponseSchema, "Series"],
  [SimulationReportSchema, "SimulationReport"],
  [ErrorBodySchema, "Error"],
  [OpenApiDocumentSchema, "OpenApiDocument"],
]);

/** Collects components, each schema generated once per side, and hands out references to them. */
class Components {
  readonly schemas: Record<string, JsonSchema> = {};
  readonly #names = new Map<z.ZodType, string>();

  ref(schema: z.ZodType, fallback: string, side: Side): { $ref: string } {
    let name = this.#names.get(schema);
    if (name === undefined) {
      name = COMPONENT_NAMES.get(schema) ?? fallback;
      this.#names.set(schema, name);
      this.schemas[name] = side === "request" ? requestJsonSchema(schema) : responseJsonSchema(schema);
    }
    return { $ref: `#/components/schemas/${name}` };
  }
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Parameters of one location from an object schema's properties. */
function parameters(schema: z.ZodType | undefined, location: "path" | "query"): JsonSchema[] {
  if (schema === undefined) return [];
  const json = requestJsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || (json.required ?? []).includes(name),
    schema: property,
  }));
}

const IF_MATCH = {
  name: "If-Match",
  in: "header",
  required: false,
  description: 'The version to change (the ETag of a read, e.g. "3"); 0 = create only. Else 409 Conflict.',
  schema: { type: "string", pattern: '^(W/)?"?\\d+"?$' },
};

function errorStatuses(route: Route): number[] {
  const statuses = new Set<number>([500, ...(route.extraErrors ?? [])]);
  if (route.params || route.query || route.body) statuses.add(400);
  if (route.params) statuses.add(404);
  if (route.conditional) statuses.add(409);
  if (route.body) {
    statuses.add(413);
    statuses.add(415);
  }
  return [...statuses].sort((a, b) => a - b);
}

function jsonContent(schema: { $ref: string }) {
  return { content: { "application/json": { schema } } };
}

/** Success responses as the route documents them, then the error statuses it can answer, all with Error. */
function responsesOf(route: Route, components: Components, name: string): Record<string, JsonSchema> {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, doc] of Object.entries(route.responses)) {
    const headers = Object.entries(doc.headers ?? {}).map(([header, description]) => [
      header,
      { description, schema: { type: "string" } },
    ]);
    responses[status] = {
      description: doc.description,
      ...(doc.schema && jsonContent(components.ref(doc.schema, `${name}Response`, "response"))),
      ...(headers.length > 0 && { headers: Object.fromEntries(headers) }),
    };
  }
  const error = jsonContent(components.ref(ErrorBodySchema, "Error", "response"));
  for (const status of errorStatuses(route)) {
    responses[String(status)] = { description: ERROR_DESCRIPTIONS[status] ?? "Error", ...error };
  }
  return responses;
}

function operation(route: Route, components: Components): JsonSchema {
  const name = capitalized(route.operationId);
  return {
    operationId: route.operationId,
    summary: route.summary,
    parameters: [
      ...parameters(route.params, "path"),
      ...parameters(route.query, "query"),
      ...(route.conditional ? [IF_MATCH] : []),
    ],
    ...(route.body && {
      requestBody: {
        required: true,
        ...jsonContent(components.ref(route.body, `${name}Request`, "request")),
      },
    }),
    responses: responsesOf(route, components, name),
  };
}

export function buildOpenApiDocument(routes: readonly Route[]): JsonSchema {
  const components = new Components();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route, components) };
  }
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: "Gantry API",
      version: API_VERSION,
      description:
        "Read and steer Gantry, the ECS autoscaler. Errors are {error: {code, message, field}}; a method a path " +
        "does not serve answers 405 MethodNotAllowed with Allow, an unknown path 404 NoSuchRoute.",
    },
    security: [{ sigv4: [] }],
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        sigv4: {
          type: "apiKey",
          name: "Authorization",
          in: "header",
          "x-amazon-apigateway-authtype": "awsSigv4",
        },
      },
    },
  };
}

/** `GET /openapi.json`, over the table it is part of (a getter, as the table includes this route). */
export function openApiRoute(routes: () => readonly Route[]): Route {
  let document: JsonSchema | undefined;
  return defineRoute({
    method: "GET",
    path: "/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "This document",
    responses: { 200: { description: "OpenAPI 3.1", schema: OpenApiDocumentSchema } },
    async handle() {
      document ??= buildOpenApiDocument(routes());
      return { status: 200, body: document };
    },
  });
}
