import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { GantryError, NotFoundError, ThrottledError } from "@gantry/core";
import { sdkError, TEST_CLIENT_CONFIG } from "@gantry/testing/sdk-mock";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createQueuePort } from "./queue-adapter.ts";

const sqsMock = mockClient(SQSClient);
const port = createQueuePort(new SQSClient(TEST_CLIENT_CONFIG));
const queueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs";

beforeEach(() => sqsMock.reset());

describe("getQueueDepth", () => {
  it("asks for the three counts and maps them", async () => {
    sqsMock.on(GetQueueAttributesCommand).resolves({
      Attributes: {
        ApproximateNumberOfMessages: "120",
        ApproximateNumberOfMessagesNotVisible: "7",
        ApproximateNumberOfMessagesDelayed: "3",
      },
    });
    expect(await port.getQueueDepth(queueUrl)).toEqual({ visible: 120, inFlight: 7, delayed: 3 });
    expect(sqsMock).toHaveReceivedCommandExactlyOnceWith(GetQueueAttributesCommand, {
      QueueUrl: queueUrl,
      AttributeNames: [
        "ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed",
      ],
    });
  });

  it("counts an absent attribute as 0 and refuses garbage", async () => {
    sqsMock.on(GetQueueAttributesCommand).resolvesOnce({ Attributes: { ApproximateNumberOfMessages: "5" } });
    expect(await port.getQueueDepth(queueUrl)).toEqual({ visible: 5, inFlight: 0, delayed: 0 });
    sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: "many" } });
    await expect(port.getQueueDepth(queueUrl)).rejects.toMatchObject({ code: "InvalidQueueAttribute" });
  });

  it.each(["QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"])(
    "maps %s to NotFoundError naming the queue URL",
    async (name) => {
      sqsMock
        .on(GetQueueAttributesCommand)
        .rejects(sdkError(name, { message: "The specified queue does not exist." }));
      const error = await port.getQueueDepth(queueUrl).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toContain(queueUrl);
    },
  );

  it("maps RequestThrottled to ThrottledError and keeps other names as codes", async () => {
    sqsMock.on(GetQueueAttributesCommand).rejectsOnce(sdkError("RequestThrottled"));
    await expect(port.getQueueDepth(queueUrl)).rejects.toBeInstanceOf(ThrottledError);
    sqsMock.on(GetQueueAttributesCommand).rejects(sdkError("InvalidSecurity"));
    const error = await port.getQueueDepth(queueUrl).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GantryError);
    expect(error).toMatchObject({ code: "InvalidSecurity" });
  });
});
