// The local servers' own answers (refusals, missing files, proxy failures) in the API's error shape, so the
// dashboard shows them as it shows the API's.
import { errorBody } from "@gantry/functions/api";

const JSON_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "application/json; charset=utf-8",
  "cache-control": "no-store",
};

/** `{error: {code, message, field}}` (`field` null unless given). */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  options: { field?: string; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify(errorBody(code, message, options.field)), {
    status,
    headers: { ...JSON_HEADERS, ...options.headers },
  });
}
