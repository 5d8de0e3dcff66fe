import { GetQueueAttributesCommand, type QueueAttributeName, type SQSClient } from "@aws-sdk/client-sqs";
import { GantryError, type QueueDepth, type QueuePort } from "@gantry/core";
import { callAws } from "../sdk-errors.ts";

const VISIBLE: QueueAttributeName = "ApproximateNumberOfMessages";
const IN_FLIGHT: QueueAttributeName = "ApproximateNumberOfMessagesNotVisible";
const DELAYED: QueueAttributeName = "ApproximateNumberOfMessagesDelayed";
const ATTRIBUTES: QueueAttributeName[] = [VISIBLE, IN_FLIGHT, DELAYED];

/**
 * QueuePort over SQS GetQueueAttributes, read directly because CloudWatch's SQS metrics can lag by minutes.
 * A missing queue (QueueDoesNotExist, or NonExistentQueue on the JSON protocol) is a NotFoundError naming its URL.
 */
export function createQueuePort(client: SQSClient): QueuePort {
  return { getQueueDepth: (queueUrl) => getQueueDepth(client, queueUrl) };
}

async function getQueueDepth(client: SQSClient, queueUrl: string): Promise<QueueDepth> {
  const response = await callAws({ action: "sqs:GetQueueAttributes", resource: queueUrl }, () =>
    client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ATTRIBUTES })),
  );
  const attributes = response.Attributes ?? {};
  const count = (name: QueueAttributeName): number => parseCount(attributes[name], name, queueUrl);
  return { visible: count(VISIBLE), inFlight: count(IN_FLIGHT), delayed: count(DELAYED) };
}

/** SQS sends counts as decimal strings; an absent one counts as 0, anything else unparseable is an error. */
function parseCount(value: string | undefined, name: string, queueUrl: string): number {
  if (value === undefined) return 0;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0 || value.trim() === "") {
    throw new GantryError(
      "InvalidQueueAttribute",
      `sqs:GetQueueAttributes returned ${name}="${value}" for ${queueUrl}`,
    );
  }
  return count;
}
