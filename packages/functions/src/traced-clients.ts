import type { Tracer } from "@aws-lambda-powertools/tracer";

/**
 * Each SDK client captured by the Tracer, so every AWS call is a subsegment of the invocation's trace (the
 * functions run with active tracing: infra/stage-settings.ts). A disabled Tracer (tests, `gantry dev`) or none (the
 * tick: tracing.ts) leaves the clients as they are. Returns the same clients, patched in place.
 */
export function traceClients<C extends object>(
  clients: C,
  tracer: Pick<Tracer, "captureAWSv3Client"> | undefined,
): C {
  if (tracer === undefined) return clients;
  for (const client of Object.values(clients)) tracer.captureAWSv3Client(client);
  return clients;
}
