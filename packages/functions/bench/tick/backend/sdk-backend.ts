// The emulated AWS behind real SDK v3 clients: a middleware at the very end of each client's stack (after
// serialization, signing and retries, just where the HTTP handler would send) hands the signed JSON request
// to the emulated AWS, waits out the emulated latency and returns an HTTP response that the SDK deserializes
// as it would AWS's. The adapters, the SDK and its retries run unchanged; only the network is replaced.
import type { Reply } from "./aws-error.ts";
import type { InFlightCalls } from "./in-flight.ts";
import type { Latency } from "./latency.ts";

/** Where requests go: the emulated AWS, in a child process or (tests) in this one. */
export interface AwsEndpoint {
  call(service: string, operation: string, body: string): Promise<Reply>;
}

export interface BackendContext {
  aws: AwsEndpoint;
  latency: Latency;
  /** The Lambda side's clock: a call's answer comes `latency` after it started, in simulated time. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  inFlight: InFlightCalls;
}

type Handler = (args: {
  input: object;
  request: unknown;
}) => Promise<{ output?: unknown; response: unknown }>;
type Middleware = (next: Handler) => Handler;
/** Any SDK v3 client: each one's `add` is typed by its own inputs, so it is taken as `never` and narrowed below. */
interface SdkClient {
  middlewareStack: { add(middleware: never, options: never): void };
}
type AddMiddleware = (
  middleware: Middleware,
  options: { step: "deserialize"; priority: "low"; name: string },
) => void;

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
    const started = context.now();
    const call = context.inFlight.begin(started);
    const request = args.request as SignedRequest;
    const operation = (request.headers["x-amz-target"] ?? "").split(".").pop() ?? "";
    const raw = request.body ?? "";
    const body = typeof raw === "string" ? raw : decoder.decode(raw);
    let wait: Promise<void> | undefined;
    let reply: Reply;
    try {
      reply = await context.aws.call(service, operation, body);
      const left = started + context.latency.next() - context.now();
      // The timer is set before the call leaves the in-flight set, so the warped clock never skips past it.
      if (left > 0) wait = context.sleep(left);
    } finally {
      context.inFlight.end(call);
    }
    await wait;
    const headers = { "content-type": contentType, ...reply.headers };
    return { response: { statusCode: reply.status, headers, body: encoder.encode(reply.body) } };
  };
  const add = client.middlewareStack.add.bind(client.middlewareStack) as unknown as AddMiddleware;
  add(answer, { step: "deserialize", priority: "low", name: "benchAwsBackend" });
}
