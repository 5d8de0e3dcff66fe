import "@gantry/testing/test-env";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { captureOutput } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { countAwsCalls } from "./aws-call-count.ts";

/** An SQS client whose requests never leave the process: each attempt answers `status` with an empty JSON body. */
function sqsAnswering(statuses: number[]) {
  const sent: string[] = [];
  const client = new SQSClient({
    region: "us-east-1",
    credentials: { accessKeyId: "a", secretAccessKey: "b" },
    maxAttempts: 3,
    retryMode: "standard",
    requestHandler: {
      handle: async () => {
        const statusCode = statuses.shift() ?? 200;
        sent.push(String(statusCode));
        const body = statusCode === 200 ? "{}" : '{"__type":"InternalError","message":"boom"}';
        return {
          response: {
            statusCode,
            headers: { "content-type": "application/x-amz-json-1.0" },
            body: new Blob([body]).stream(),
          },
        };
      },
    },
  });
  return { client, sent };
}

const call = (client: SQSClient) =>
  client.send(
    new GetQueueAttributesCommand({ QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/jobs" }),
  );

describe("countAwsCalls", () => {
  it("publishes each client's requests, retries included, as AwsCalls per AwsService, then starts over", async () => {
    const metrics = new Metrics({ namespace: "GantryTest", serviceName: "gantry-test" });
    const sqs = sqsAnswering([500, 200, 200]);
    const idle = sqsAnswering([]);
    countAwsCalls({ sqs: sqs.client, eventBridge: idle.client }, metrics);
    const { lines } = await captureOutput(async () => {
      await call(sqs.client);
      await call(sqs.client);
      metrics.addMetric("Decisions", "Count", 1);
      metrics.publishStoredMetrics();
      metrics.addMetric("Decisions", "Count", 1);
      metrics.publishStoredMetrics();
    });
    expect(sqs.sent).toEqual(["500", "200", "200"]);
    const counted = (lines as Record<string, unknown>[]).filter((line) => "AwsCalls" in line);
    // One line for the only client that sent anything, in the first publish only.
    expect(counted).toEqual([
      expect.objectContaining({ AwsCalls: 3, AwsService: "sqs", service: "gantry-test" }),
    ]);
    expect(lines.filter((line) => "Decisions" in (line as object))).toHaveLength(2);
  });
});
