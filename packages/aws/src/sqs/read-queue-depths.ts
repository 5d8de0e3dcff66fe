import { GantryError, type QueueDepth, type QueuePort } from "@gantry/core";
import { mapWithConcurrency } from "../concurrency.ts";

export interface ReadQueueDepthsOptions {
  /** Most GetQueueAttributes calls in flight at once. Default 8. */
  concurrency?: number;
}

/**
 * Read many queues with bounded concurrency. Each URL maps to its depth or to the error reading it, so one
 * missing or throttled queue never stops the others (DESIGN §4); callers decide what an error means.
 */
export async function readQueueDepths(
  port: QueuePort,
  urls: readonly string[],
  { concurrency = 8 }: ReadQueueDepthsOptions = {},
): Promise<Map<string, QueueDepth | Error>> {
  const unique = [...new Set(urls)];
  const depths = await mapWithConcurrency(unique, concurrency, (url) => readOne(port, url));
  return new Map(unique.map((url, index) => [url, depths[index] as QueueDepth | Error]));
}

async function readOne(port: QueuePort, url: string): Promise<QueueDepth | Error> {
  try {
    return await port.getQueueDepth(url);
  } catch (error) {
    return error instanceof Error
      ? error
      : new GantryError("UnknownError", `reading ${url} failed: ${String(error)}`);
  }
}
