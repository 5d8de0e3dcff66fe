import { ValidationError } from "@gantry/core";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { ApiError } from "./http-errors.ts";

/** Request bodies above this are refused before they are decoded or parsed (API Gateway allows 10 MB). */
export const BODY_LIMIT_BYTES = 256 * 1024;

/** An API Gateway HTTP API request (payload format 2.0), normalised. */
export interface ApiRequest {
  method: string;
  /** Decoded path segments: `/targets/prod/api` → ["targets", "prod", "api"]. */
  segments: string[];
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** The raw body bytes (base64 already decoded), within BODY_LIMIT_BYTES; undefined when empty. */
  body: Buffer | undefined;
  requestId: string | undefined;
}

/** Reads the parts of the event the router needs. Throws ApiError (400, 413) for what cannot be read. */
export function parseRequest(event: APIGatewayProxyEventV2): ApiRequest {
  const http = event.requestContext?.http;
  if (typeof http?.method !== "string") throw new ApiError("BadRequest", "the event has no HTTP method");
  return {
    method: http.method.toUpperCase(),
    segments: pathSegments(stripStage(event.rawPath ?? http.path ?? "/", event.requestContext.stage)),
    query: readQuery(event),
    headers: lowerCaseHeaders(event.headers),
    body: readBody(event.body, event.isBase64Encoded === true),
    requestId: event.requestContext.requestId,
  };
}

/** A named stage prefixes rawPath (`/prod/targets`); the `$default` stage does not. */
function stripStage(path: string, stage: string | undefined): string {
  if (!stage || stage === "$default") return path;
  const prefix = `/${stage}`;
  return path === prefix || path.startsWith(`${prefix}/`) ? path.slice(prefix.length) || "/" : path;
}

/** Split first, then decode, so that an encoded `/` stays inside its segment (and fails validation there). */
function pathSegments(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  return trimmed
    .split("/")
    .slice(1)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        throw new ValidationError(`the path segment "${segment}" is not valid percent-encoding`, "path");
      }
    });
}

/** From rawQueryString when present (exact), else API Gateway's decoded map; a repeated name is an error. */
function readQuery(event: APIGatewayProxyEventV2): Record<string, string> {
  if (event.rawQueryString === undefined)
    return { ...(event.queryStringParameters ?? {}) } as Record<string, string>;
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(event.rawQueryString)) {
    if (Object.hasOwn(query, name)) throw new ValidationError(`${name}: given more than once`, name);
    query[name] = value;
  }
  return query;
}

function lowerCaseHeaders(headers: APIGatewayProxyEventV2["headers"] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (typeof value === "string") out[name.toLowerCase()] = value;
  }
  return out;
}

/** Checks the size before decoding: a base64 text over 4/3 of the limit cannot decode to less. */
function readBody(body: string | null | undefined, base64: boolean): Buffer | undefined {
  if (body === undefined || body === null || body === "") return undefined;
  const limit = base64 ? Math.ceil(BODY_LIMIT_BYTES / 3) * 4 : BODY_LIMIT_BYTES;
  const size = base64 ? body.length : Buffer.byteLength(body, "utf8");
  if (size > limit) throw tooLarge();
  const bytes = Buffer.from(body, base64 ? "base64" : "utf8");
  if (bytes.length > BODY_LIMIT_BYTES) throw tooLarge();
  return bytes.length === 0 ? undefined : bytes;
}

function tooLarge(): ApiError {
  return new ApiError("PayloadTooLarge", `the request body is over the ${BODY_LIMIT_BYTES / 1024} KiB limit`);
}

const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The body as JSON: 415 unless the content type is JSON (in UTF-8), 400 BadJson when it does not parse. */
export function readJsonBody(request: ApiRequest): unknown {
  const body = request.body;
  if (body === undefined) throw new ValidationError("this route needs a JSON body", "body");
  checkContentType(request.headers["content-type"]);
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new ApiError("BadJson", "the body is not valid UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError("BadJson", `the body is not valid JSON: ${(error as Error).message}`);
  }
}

function checkContentType(header: string | undefined): void {
  const [mediaType = "", ...params] = (header ?? "").split(";").map((part) => part.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith("charset="))
    ?.slice("charset=".length)
    .replace(/"/g, "");
  if (
    JSON_MEDIA_TYPE.test(mediaType) &&
    (charset === undefined || charset === "utf-8" || charset === "utf8")
  ) {
    return;
  }
  const given = header === undefined ? "no Content-Type" : `Content-Type "${header}"`;
  throw new ApiError(
    "UnsupportedMediaType",
    `send the body as application/json (UTF-8), not ${given}`,
    "content-type",
  );
}
