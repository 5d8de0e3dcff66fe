// The proxy's own failures in the API's error shape, so the dashboard shows them as it shows the API's.
import type { ServerResponse } from "node:http";
import { errorBody } from "@gantry/functions/local";

export const JSON_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "application/json; charset=utf-8",
  "cache-control": "no-store",
};

/** `{error: {code, message, field}}` as bytes (`field` null unless given). */
export function errorBytes(code: string, message: string, field?: string): Buffer {
  return Buffer.from(JSON.stringify(errorBody(code, message, field)));
}

export function writeError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  field?: string,
): void {
  response.writeHead(status, JSON_HEADERS);
  response.end(errorBytes(code, message, field));
}
