import { GantryError } from "@gantry/core";

/** An error the API itself raises (routing, framing, upstream); `headers` go into the response (e.g. Allow). */
export class ApiError extends GantryError {
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: string, message: string, field?: string, headers: Record<string, string> = {}) {
    super(code, message, field);
    this.headers = headers;
  }
}

/**
 * Error codes → HTTP statuses. Core codes (ValidationError, NotFound, Conflict, CorruptItem, Throttled) and the
 * API's own. A code missing here is unexpected (an SDK error the adapters did not classify): it becomes a 500
 * InternalError, logged once, without its message.
 *
 * CorruptItem is 409, not 422: nothing is wrong with the request (422 is about its content); the stored target
 * conflicts with this Gantry's schema, and the client can resolve that and retry (RFC 9110 §15.5.10), with
 * GET …/raw to see it and PUT or DELETE to repair it.
 */
export const STATUS_BY_CODE: Readonly<Record<string, number>> = {
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
};

/** The body of every error response. `field` names the offending input (a body path, a parameter, a header). */
export interface ErrorBody {
  error: { code: string; message: string; field: string | null };
}

export interface MappedError {
  status: number;
  body: ErrorBody;
  headers: Readonly<Record<string, string>>;
}

/** The response for a known error, or undefined for one that must become a 500. */
export function mapKnownError(error: unknown): MappedError | undefined {
  if (!(error instanceof GantryError)) return undefined;
  const status = STATUS_BY_CODE[error.code];
  if (status === undefined) return undefined;
  const headers = error instanceof ApiError ? error.headers : {};
  return { status, headers, body: errorBody(error.code, error.message, error.field) };
}

export function errorBody(code: string, message: string, field?: string): ErrorBody {
  return { error: { code, message, field: field || null } };
}
