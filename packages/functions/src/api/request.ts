// Request framing shared by every route: the body limit, JSON bodies (415, BadJson, UTF-8) and bodiless routes,
// checked before the route's own zod validation, so a rejected request changes nothing.
import { GantryError, ValidationError } from "@gantry/core";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/** Request bodies above this are refused before they are decoded or parsed (API Gateway allows 10 MB). */
export const BODY_LIMIT_BYTES = 256 * 1024;

export function tooLarge(): GantryError {
  return new GantryError(
    "PayloadTooLarge",
    `the request body is over the ${BODY_LIMIT_BYTES / 1024} KiB limit`,
    "body",
  );
}

/** 413 past the limit, counted on the stream when there is no Content-Length (the local server). */
export const limitBody: MiddlewareHandler = bodyLimit({
  maxSize: BODY_LIMIT_BYTES,
  onError: () => {
    throw tooLarge();
  },
});

const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The body as JSON, for the route's validator: 415 unless JSON in UTF-8, 400 BadJson when it does not parse. */
export const jsonBody: MiddlewareHandler = async (c, next) => {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) throw new ValidationError("this route needs a JSON body", "body");
  checkContentType(c.req.header("content-type"));
  const value = parseJson(bytes);
  // The validator reads c.req.json(): hand it what was parsed here.
  c.req.bodyCache.json = Promise.resolve(value);
  await next();
};

/** Routes without a body refuse one, so that a misdirected write is not taken for something else. */
export const noBody: MiddlewareHandler = async (c, next) => {
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > 0) throw new ValidationError("this route takes no body", "body");
  await next();
};

function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new GantryError("BadJson", "the body is not valid UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GantryError("BadJson", `the body is not valid JSON: ${(error as Error).message}`);
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
  throw new GantryError(
    "UnsupportedMediaType",
    `send the body as application/json (UTF-8), not ${given}`,
    "content-type",
  );
}

/** Path segments that are not valid percent-encoding, and query names given twice, are 400s. */
export const checkUrl: MiddlewareHandler = async (c, next) => {
  const url = new URL(c.req.url);
  for (const segment of url.pathname.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      throw new ValidationError(`the path segment "${segment}" is not valid percent-encoding`, "path");
    }
  }
  const seen = new Set<string>();
  for (const name of url.searchParams.keys()) {
    if (seen.has(name)) throw new ValidationError(`${name}: given more than once`, name);
    seen.add(name);
  }
  await next();
};
