// What API Gateway hands the Lambda, made safe for hono's adapter: the stage prefix off the path, the body
// checked against the limit before it is decoded, and refusals hono's adapter would answer in plain text
// (no method, a body on GET) answered in the API's error shape instead.
import { GantryError, ValidationError } from "@gantry/core";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { BODY_LIMIT_BYTES, tooLarge } from "./request.ts";

/** The event to hand to hono, or the error to answer at once. */
export function normalizeEvent(event: APIGatewayProxyEventV2): APIGatewayProxyEventV2 {
  const http = event?.requestContext?.http;
  if (typeof http?.method !== "string") throw new GantryError("BadRequest", "the event has no HTTP method");
  const method = http.method.toUpperCase();
  const body = readBody(event.body, event.isBase64Encoded === true);
  if (body && (method === "GET" || method === "HEAD")) {
    throw new ValidationError("this route takes no body", "body");
  }
  const { body: _raw, ...rest } = event;
  return {
    ...rest,
    rawPath: urlSafe(stripStage(event.rawPath ?? http.path ?? "/", event.requestContext.stage), PATH_CHARS),
    rawQueryString: urlSafe(event.rawQueryString ?? "", QUERY_CHARS),
    requestContext: { ...event.requestContext, http: { ...http, method } },
    // Re-encoded by Buffer, so hono's decoder gets canonical base64 whatever the client sent.
    ...(body ? { body: body.toString("base64"), isBase64Encoded: true } : { isBase64Encoded: false }),
  };
}

/** A named stage prefixes rawPath (`/prod/targets`); the `$default` stage does not. */
function stripStage(path: string, stage: string | undefined): string {
  if (!stage || stage === "$default") return path;
  const prefix = `/${stage}`;
  return path === prefix || path.startsWith(`${prefix}/`) ? path.slice(prefix.length) || "/" : path;
}

const PATH_CHARS = /[^A-Za-z0-9\-._~!$&'()*+,;=:@%/]/gu;
const QUERY_CHARS = /[^A-Za-z0-9\-._~!$&'()*+,;=:@%/?]/gu;

/** Percent-encodes what a URL would read as structure (`#`, `?` in a path) or refuse (spaces, non-ASCII). */
function urlSafe(text: string, unsafe: RegExp): string {
  return text.replace(unsafe, (char) =>
    [...Buffer.from(char, "utf8")]
      .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`)
      .join(""),
  );
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
