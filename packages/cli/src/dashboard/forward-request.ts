// One browser request → the API at --endpoint, signed by the CLI's own sender (sigv4-fetch.ts), and the
// answer back. Only the headers the API reads go up, so the browser's cookies and the proxy's Host never do.
import { BODY_LIMIT_BYTES } from "@gantry/functions/api";
import type { Handler, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { PlainRequest, Send } from "../api-client/sigv4-fetch.ts";
import { CliError } from "../cli-error.ts";
import { errorResponse } from "../http/error-response.ts";
import { answerFrom } from "./upstream-answer.ts";

const FORWARDED = ["accept", "content-type", "if-match", "if-none-match"];

/** Bodies above this are refused without forwarding them; below it the API itself answers 413 over its limit. */
export const PROXY_BODY_CAP_BYTES = BODY_LIMIT_BYTES + 64 * 1024;

/** API Gateway gives up at 30 s; a little longer, so that its own 504 comes through when it answers one. */
export const UPSTREAM_TIMEOUT_MS = 35_000;

export interface ForwardOptions {
  /** The API's base URL; its path, if any, prefixes every forwarded path. */
  endpoint: URL;
  send: Send;
  timeoutMs?: number;
  /** One line per failed forward, for the terminal (the browser gets the same message). */
  report?: (line: string) => void;
}

/** 413 over the cap; the unread rest of the body means the connection cannot carry another request. */
export const proxyBodyLimit: MiddlewareHandler = bodyLimit({
  maxSize: PROXY_BODY_CAP_BYTES,
  onError: () =>
    errorResponse(413, "PayloadTooLarge", `body over ${PROXY_BODY_CAP_BYTES} bytes`, {
      field: "body",
      headers: { connection: "close" },
    }),
});

/** The request as the API should see it: same path and query under the endpoint, same body bytes. */
export async function upstreamRequest(endpoint: URL, request: Request): Promise<PlainRequest> {
  // Only the path and query are taken from the browser: the host is always the endpoint's.
  const incoming = new URL(request.url);
  const url = new URL(endpoint.href);
  url.pathname = `${endpoint.pathname.replace(/\/$/, "")}${incoming.pathname}`;
  url.search = incoming.search;
  const headers: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = request.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  const body = Buffer.from(await request.arrayBuffer());
  return { method: request.method, url, headers, ...(body.length > 0 ? { body } : {}) };
}

export function forwardRequest(options: ForwardOptions): Handler {
  return async (c) => {
    const upstream = await upstreamRequest(options.endpoint, c.req.raw);
    const signal = AbortSignal.timeout(options.timeoutMs ?? UPSTREAM_TIMEOUT_MS);
    try {
      return await answerFrom(await options.send({ ...upstream, signal }), options.endpoint.origin);
    } catch (error) {
      const failed = describeFailure(error, options);
      options.report?.(`${upstream.method} ${upstream.url.pathname}: ${failed.code}: ${failed.message}`);
      return errorResponse(failed.status, failed.code, failed.message);
    }
  };
}

/** No credentials (the CLI's own message), a timeout, or an unreachable endpoint: as the API would say it. */
function describeFailure(error: unknown, options: ForwardOptions) {
  const origin = options.endpoint.origin;
  if (error instanceof CliError) return { status: 502, code: "NoCredentials", message: error.message };
  if ((error as Error).name === "TimeoutError") {
    const seconds = (options.timeoutMs ?? UPSTREAM_TIMEOUT_MS) / 1000;
    return { status: 504, code: "UpstreamTimeout", message: `no answer from ${origin} within ${seconds} s` };
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const reason = String(cause?.code ?? cause?.message ?? (error as Error).message);
  return { status: 502, code: "UpstreamUnreachable", message: `cannot reach ${origin}: ${reason}` };
}
