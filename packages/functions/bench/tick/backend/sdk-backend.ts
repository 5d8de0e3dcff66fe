// The emulated AWS behind real SDK v3 clients: a middleware at the very end of each client's stack (after
// serialization, signing and retries, just where the HTTP handler would send) hands the signed JSON request
// to the emulated AWS, waits out the emulated latency and returns an HTTP response that the SDK deserializes
// as it would AWS's. The adapters, the SDK and its retries run unchanged; only the network is replaced.
import type { Reply } from "./aws-error.ts";
import type { Latency } from "./latency.ts";

/** Where requests go: the emulated AWS, in a child process or (tests) in this one. */
export interface AwsEndpoint {
  call(service: string, operation: string, body: string): Promise<Reply>;
}

export interface BackendContext {
  aws: AwsEndpoint;
  latency: Latency;
  sleep: (ms: number) => Promise<void>;
}

type Handler = (args: {
  input: object;
  request: unknown;
}) => Promise<{ output?: unknown; response: unknown }>;
type Middleware = (next: Handler) => Handler;
interface SdkClient {
  middlewareStack: {
    add(middleware: Middleware, options: { step: "deserialize"; priority: "low"; name: string }): void;
  };
}

interface SignedRequest {
  headers: Record<string, string>;
  body: Uint8Array | string | undefined;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Installs the backend on one client. `service` names the emulated service (`ecs`); `contentType` is its JSON
 * protocol. A call takes the emulated latency in all: the answer's own time counts toward it.
 */
export function installBackend(
  client: SdkClient,
  service: string,
  contentType: string,
  context: BackendContext,
): void {
  const answer: Middleware = () => async (args) => {
    const started = performance.now();
    const request = args.request as SignedRequest;
    const operation = (request.headers["x-amz-target"] ?? "").split(".").pop() ?? "";
    const raw = request.body ?? "";
    const reply = await context.aws.call(
      service,
      operation,
      typeof raw === "string" ? raw : decoder.decode(raw),
    );
    const left = context.latency.next() - (performance.now() - started);
    if (left > 0) await context.sleep(left);
    const headers = { "content-type": contentType, ...reply.headers };
    return { response: { statusCode: reply.status, headers, body: encoder.encode(reply.body) } };
  };
  client.middlewareStack.add(answer, { step: "deserialize", priority: "low", name: "benchAwsBackend" });
}
