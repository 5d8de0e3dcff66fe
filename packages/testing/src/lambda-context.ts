import type { Context } from "aws-lambda";

/** A Lambda context whose remaining time follows the given clock from an initial budget. */
export function lambdaContext(options: {
  remainingMs: number;
  now?: () => number;
  requestId?: string;
}): Context {
  const now = options.now ?? Date.now;
  const endsAt = now() + options.remainingMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: "gantry-test-fn",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:gantry-test-fn",
    memoryLimitInMB: "256",
    awsRequestId: options.requestId ?? "c6af9ac6-7b61-11e6-9a41-93e812345678",
    logGroupName: "/aws/lambda/gantry-test-fn",
    logStreamName: "2026/01/01/[$LATEST]abcdef",
    getRemainingTimeInMillis: () => endsAt - now(),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Collects the JSON lines Powertools writes (logs and EMF; warnings and errors go to stderr) while `run` runs. */
export async function captureOutput<T>(
  run: () => Promise<T>,
): Promise<{ result: T; lines: Record<string, unknown>[] }> {
  const chunks: string[] = [];
  const restore = [process.stdout, process.stderr].map((stream) => intercept(stream, chunks));
  try {
    const result = await run();
    return { result, lines: parseJsonLines(chunks.join("")) };
  } finally {
    for (const undo of restore) undo();
  }
}

function intercept(stream: NodeJS.WriteStream, chunks: string[]): () => void {
  const write = stream.write;
  stream.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  }) as typeof stream.write;
  return () => {
    stream.write = write;
  };
}

function parseJsonLines(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((line) => line.trim().startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
