// The proxy's own failures in the API's error shape, so the dashboard shows them as it shows the API's.
import type { ServerResponse } from "node:http";
import { errorBody } from "@gantry/functions/api/http-errors";

export const JSON_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "application/json; charset=utf-8",
  "cache-control": "no-store",
};

/** `{error: {code, message, field: null}}` as bytes. */
export function errorBytes(code: string, message: string): Buffer {
  return Buffer.from(JSON.stringify(errorBody(code, message)));
}

export function writeError(response: ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, JSON_HEADERS);
  response.end(errorBytes(code, message));
}
