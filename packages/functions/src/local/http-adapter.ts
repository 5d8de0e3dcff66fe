// A Node `http` request as API Gateway (HTTP API, payload 2.0) would deliver it to the API Lambda, and the
// Lambda's result back as an HTTP response: the local server runs the real handler unchanged.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { BODY_LIMIT_BYTES } from "../api/request.ts";

/** Bodies above this are refused without reading them; below it the API itself answers 413 over its limit. */
export const LOCAL_BODY_CAP_BYTES = BODY_LIMIT_BYTES + 64 * 1024;

export class BodyTooLargeError extends Error {}

/** Reads the whole body, rejecting with BodyTooLargeError past `cap` bytes. */
export function readBody(request: IncomingMessage, cap = LOCAL_BODY_CAP_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        request.removeAllListeners("data");
        request.resume();
        reject(new BodyTooLargeError(`body over ${cap} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** UTF-8 text that round-trips is passed as is; anything else is base64, as API Gateway does for binary. */
function encodeBody(body: Buffer): { body?: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { isBase64Encoded: false };
  const text = body.toString("utf8");
  if (Buffer.from(text, "utf8").equals(body)) return { body: text, isBase64Encoded: false };
  return { body: body.toString("base64"), isBase64Encoded: true };
}

function lowerCaseHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  return headers;
}

/** The payload 2.0 event for `request` with its already read body. */
export function toApiGatewayEvent(request: IncomingMessage, body: Buffer): APIGatewayProxyEventV2 {
  const url = request.url ?? "/";
  const mark = url.indexOf("?");
  const rawPath = mark === -1 ? url : url.slice(0, mark);
  const rawQueryString = mark === -1 ? "" : url.slice(mark + 1);
  const method = request.method ?? "GET";
  const headers = lowerCaseHeaders(request);
  const now = Date.now();
  const requestId = randomUUID();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      domainName: headers.host ?? "127.0.0.1",
      domainPrefix: "local",
      http: {
        method,
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId,
      routeKey: "$default",
      stage: "$default",
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
    ...encodeBody(body),
  };
}

/** A Lambda context whose remaining time runs on `now` (default: API Gateway's 30 s on the real clock). */
export function localLambdaContext(
  options: { functionName?: string; remainingMs?: number; now?: () => number } = {},
): Context {
  const { functionName = "gantry-local-api", remainingMs = 30_000, now = Date.now } = options;
  const endsAt = now() + remainingMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: "256",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, endsAt - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Writes the handler's result (structured, or a bare string/object as API Gateway infers it). */
export function writeApiResult(
  response: ServerResponse,
  result: APIGatewayProxyStructuredResultV2 | string | undefined,
  extraHeaders: Record<string, string> = {},
): void {
  const structured: APIGatewayProxyStructuredResultV2 =
    typeof result === "object" && result !== null && "statusCode" in result
      ? result
      : { statusCode: 200, body: typeof result === "string" ? result : JSON.stringify(result ?? null) };
  const body =
    structured.body === undefined
      ? undefined
      : Buffer.from(structured.body, structured.isBase64Encoded ? "base64" : "utf8");
  const headers: Record<string, string> = { ...extraHeaders };
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name] = String(value);
  if (structured.cookies?.length) response.setHeader("set-cookie", structured.cookies);
  response.writeHead(structured.statusCode ?? 200, headers);
  response.end(body);
}
