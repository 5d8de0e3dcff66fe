import type { QueueDepth } from "../model/observation.ts";

/**
 * SQS GetQueueAttributes: ApproximateNumberOfMessages (visible), …NotVisible (in flight), …Delayed.
 * Approximate, as SQS reports them. Errors: ThrottledError, NotFoundError (no such queue).
 */
export interface QueuePort {
  getQueueDepth(queueUrl: string): Promise<QueueDepth>;
}
