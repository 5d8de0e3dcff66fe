// What the browser gets back for an upstream response: its status, body bytes and the headers the dashboard
// uses. API Gateway answers some requests itself, before the Lambda (403 for a bad signature or a missing
// execute-api:Invoke, 429, 5xx), with `{message}` or `{Message}`: those are reshaped into the API's
// `{error: {code, message, field}}`, so the dashboard can say why.
import { errorResponse } from "../http/error-response.ts";

/** Passed back; not content-length/-encoding (fetch has already decoded the body) nor anything AWS-internal. */
const PASSED_BACK = [
  "content-type",
  "etag",
  "allow",
  "location",
  "retry-after",
  "cache-control",
  "apigw-requestid",
];

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  401: "Unauthorized",
  403: "Forbidden",
  429: "Throttled",
};

/** The upstream answer for the browser: its body byte-exact when the API wrote it, else reshaped. */
export async function answerFrom(upstream: Response, origin: string): Promise<Response> {
  const body = Buffer.from(await upstream.arrayBuffer());
  const headers: Record<string, string> = {};
  for (const name of PASSED_BACK) {
    const value = upstream.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  if (upstream.ok || isApiError(body)) {
    return new Response(body.length > 0 ? new Uint8Array(body) : null, { status: upstream.status, headers });
  }
  const code = CODE_BY_STATUS[upstream.status] ?? `Http${upstream.status}`;
  const detail = gatewayMessage(body);
  const message = `${origin} answered ${upstream.status}${detail ? `: ${detail}` : ""}`;
  const requestId = headers["apigw-requestid"];
  return errorResponse(upstream.status, code, message, {
    headers: requestId ? { "apigw-requestid": requestId } : {},
  });
}

function parse(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

function isApiError(body: Buffer): boolean {
  const error = (parse(body) as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return typeof error?.code === "string" && typeof error.message === "string";
}

/** API Gateway's `{message}` (or `{Message}` for an IAM deny), else the start of a text body. */
function gatewayMessage(body: Buffer): string {
  const json = parse(body) as { message?: unknown; Message?: unknown } | undefined;
  const message = json?.message ?? json?.Message;
  if (typeof message === "string") return message;
  return json === undefined ? body.toString("utf8").trim().slice(0, 200) : "";
}
