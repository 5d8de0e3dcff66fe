// SQS GetQueueAttributes over the simulated queues (their counts as SQS reports them: a few seconds late).
import { AwsError, type ServiceHandler } from "./aws-error.ts";
import type { SimIndex } from "./sim-index.ts";

export function sqsBackend(index: SimIndex): ServiceHandler {
  return (operation, input) => {
    if (operation !== "GetQueueAttributes") {
      throw new AwsError("UnknownOperationException", `the bench does not emulate sqs:${operation}`);
    }
    const service = index.queueByUrl(String(input.QueueUrl));
    if (!service) throw new AwsError("QueueDoesNotExist", "The specified queue does not exist.");
    const depth = service.reportedDepth(index.account.now());
    const all: Record<string, string> = {
      ApproximateNumberOfMessages: String(depth.visible),
      ApproximateNumberOfMessagesNotVisible: String(depth.inFlight),
      ApproximateNumberOfMessagesDelayed: String(depth.delayed),
    };
    const asked = (input.AttributeNames as string[] | undefined) ?? [];
    const wanted = asked.includes("All") ? Object.keys(all) : asked;
    return { Attributes: Object.fromEntries(wanted.filter((n) => n in all).map((n) => [n, all[n]])) };
  };
}
