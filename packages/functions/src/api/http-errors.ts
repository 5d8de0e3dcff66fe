import { GantryError } from "@gantry/core";
import { HTTPException } from "hono/http-exception";
import type { ErrorBody } from "./api-types.ts";

/**
 * Error codes → HTTP statuses. Core codes (ValidationError, NotFound, Conflict, CorruptItem, Throttled) and the
 * API's own. A code missing here is unexpected (an SDK error the adapters did not classify): it becomes a 500
 * InternalError, logged once, without its message.
 *
 * CorruptItem is 409, not 422: nothing is wrong with the request (422 is about its content); the stored target
 * conflicts with this Gantry's schema, and the client can resolve that and retry (RFC 9110 §15.5.10), with
 * GET …/raw to see it and PUT or DELETE to repair it.
 */
export const STATUS_BY_CODE = {
  ValidationError: 400,
  BadJson: 400,
  BadRequest: 400,
  NotFound: 404,
  NoSuchRoute: 404,
  MethodNotAllowed: 405,
  Conflict: 409,
  CorruptItem: 409,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  Throttled: 429,
  NotConfigured: 501,
  UpstreamFailed: 502,
} as const satisfies Record<string, number>;

/** hono's own refusals (its validators' framing checks), in our codes. */
const CODE_BY_HONO_STATUS: Readonly<Record<number, [code: string, field?: string]>> = {
  400: ["BadJson"],
  413: ["PayloadTooLarge", "body"],
  415: ["UnsupportedMediaType", "content-type"],
};

/** The status and body for a known error (GantryError or hono's), or undefined for one that must become a 500. */
export function mapKnownError(error: unknown): { status: number; body: ErrorBody } | undefined {
  if (error instanceof HTTPException) {
    const known = CODE_BY_HONO_STATUS[error.status];
    return known && { status: error.status, body: errorBody(known[0], error.message, known[1]) };
  }
  if (!(error instanceof GantryError)) return undefined;
  const status = (STATUS_BY_CODE as Readonly<Record<string, number>>)[error.code];
  if (status === undefined) return undefined;
  return { status, body: errorBody(error.code, error.message, error.field) };
}

/** The body of every error response; `field` names the offending input (a body path, a parameter, a header). */
export function errorBody(code: string, message: string, field?: string): ErrorBody {
  return { error: { code, message, field: field || null } };
}
