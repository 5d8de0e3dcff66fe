// One browser request → the API at --endpoint, signed by the CLI's own sender (sigv4-fetch.ts), and the
// answer back. Only the headers the API reads go up, so the browser's cookies and the proxy's Host never do.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { PlainRequest, Send } from "../api-client/sigv4-fetch.ts";
import { CliError } from "../cli-error.ts";
import { errorBytes, JSON_HEADERS, writeError } from "./proxy-error.ts";
import { BodyTooLargeError, readBody } from "./read-body.ts";
import { answerFrom, type ProxyAnswer } from "./upstream-answer.ts";

const FORWARDED = ["accept", "content-type", "if-match", "if-none-match"];

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

/** The request as the API should see it: same path and query under the endpoint, same body bytes. */
export function upstreamRequest(endpoint: URL, request: IncomingMessage, body: Buffer): PlainRequest {
  // Only the path and query are taken from the browser: `//evil.example/x` must not change the host.
  const incoming = new URL(request.url ?? "/", "http://proxy.invalid");
  const url = new URL(endpoint.href);
  url.pathname = `${endpoint.pathname.replace(/\/$/, "")}${incoming.pathname}`;
  url.search = incoming.search;
  const headers: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return { method: request.method ?? "GET", url, headers, ...(body.length > 0 ? { body } : {}) };
}

export async function forwardRequest(
  options: ForwardOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readBodyOrRefuse(request, response);
  if (body === undefined) return;
  const upstream = upstreamRequest(options.endpoint, request, body);
  const signal = AbortSignal.timeout(options.timeoutMs ?? UPSTREAM_TIMEOUT_MS);
  let answer: ProxyAnswer;
  try {
    answer = await answerFrom(await options.send({ ...upstream, signal }), options.endpoint.origin);
  } catch (error) {
    const failed = describeFailure(error, options);
    options.report?.(`${upstream.method} ${upstream.url.pathname}: ${failed.code}: ${failed.message}`);
    answer = {
      status: failed.status,
      headers: { ...JSON_HEADERS },
      body: errorBytes(failed.code, failed.message),
    };
  }
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
}

/** The body, or undefined once a 413 is sent: the limit is the local server's, just above the API's own. */
async function readBodyOrRefuse(request: IncomingMessage, response: ServerResponse) {
  try {
    return await readBody(request);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    response.setHeader("connection", "close");
    writeError(response, 413, "PayloadTooLarge", error.message, "body");
    return undefined;
  }
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
