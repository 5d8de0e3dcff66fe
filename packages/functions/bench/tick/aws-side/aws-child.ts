// The emulated AWS's process (forked by aws-side.ts): answers each batch of requests in order, synchronously.
import { EmulatedAws } from "./emulated-aws.ts";
import type { AwsRequest, AwsResponse } from "./protocol.ts";

let aws: EmulatedAws | undefined;

function handle(request: AwsRequest): unknown {
  if (request.kind === "setup") {
    aws = new EmulatedAws(request.spec);
    return null;
  }
  if (!aws) throw new Error("the emulated AWS is not set up");
  switch (request.kind) {
    case "call":
      return aws.call(request.service, request.operation, request.body);
    case "advanceTo":
      aws.advanceTo(request.time);
      return null;
    case "report":
      return aws.report();
    case "resetUsage":
      aws.usage.reset();
      return null;
  }
}

function answer(request: AwsRequest): AwsResponse {
  try {
    return { id: request.id, ok: true, value: handle(request) };
  } catch (error) {
    return {
      id: request.id,
      ok: false,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
}

// Requests come in batches (one turn of the Lambda side's event loop) and are answered as one.
process.on("message", (requests: AwsRequest[]) => {
  process.send?.(requests.map(answer));
});
// The bench ended or died: nothing is left to answer.
process.on("disconnect", () => process.exit(0));
