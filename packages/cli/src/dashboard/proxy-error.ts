// The proxy's own failures in the API's error shape, so the dashboard shows them as it shows the API's.
import { errorBody } from "@gantry/functions/local";

export const JSON_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "application/json; charset=utf-8",
  "cache-control": "no-store",
};

/** `{error: {code, message, field}}` as bytes (`field` null unless given). */
export function errorBytes(code: string, message: string, field?: string): Buffer {
  return Buffer.from(JSON.stringify(errorBody(code, message, field)));
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  options: { field?: string; headers?: Record<string, string> } = {},
): Response {
  return new Response(new Uint8Array(errorBytes(code, message, options.field)), {
    status,
    headers: { ...JSON_HEADERS, ...options.headers },
  });
}
