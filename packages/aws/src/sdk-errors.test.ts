import { ConflictError, GantryError, NotFoundError, ThrottledError, ValidationError } from "@gantry/core";
import { sdkError } from "@gantry/testing/sdk-mock";
import { describe, expect, it } from "vitest";
import { awsErrorName, callAws, isRetryable, toDomainError } from "./sdk-errors.ts";

const context = { action: "ecs:UpdateService", resource: "service/blue/web" };

describe("toDomainError", () => {
  it.each([
    ["ThrottlingException", sdkError("ThrottlingException")],
    ["Throttling", sdkError("Throttling")],
    ["TooManyRequestsException", sdkError("TooManyRequestsException")],
    ["RequestLimitExceeded", sdkError("RequestLimitExceeded")],
    ["ProvisionedThroughputExceededException", sdkError("ProvisionedThroughputExceededException")],
    ["RequestThrottled (SQS)", sdkError("RequestThrottled")],
    ["HTTP 429", sdkError("SomethingElse", { httpStatusCode: 429 })],
    ["$retryable.throttling", sdkError("SomethingElse", { throttling: true })],
  ])("maps %s to ThrottledError", (_, error) => {
    expect(toDomainError(error, context)).toBeInstanceOf(ThrottledError);
  });

  it.each([
    "ServiceNotFoundException",
    "ClusterNotFoundException",
    "ServiceNotActiveException",
    "ResourceNotFoundException",
    "ResourceNotFound",
    "QueueDoesNotExist",
    "AWS.SimpleQueueService.NonExistentQueue",
  ])("maps %s to NotFoundError", (name) => {
    expect(toDomainError(sdkError(name), context)).toBeInstanceOf(NotFoundError);
  });

  it.each([
    "ValidationException",
    "ValidationError",
    "InvalidParameterException",
    "InvalidParameterValue",
    "InvalidParameterCombination",
  ])("maps %s to ValidationError", (name) => {
    expect(toDomainError(sdkError(name), context)).toBeInstanceOf(ValidationError);
  });

  it.each(["ConflictException", "ResourceContentionFault", "ScalingActivityInProgressFault"])(
    "maps %s to ConflictError",
    (name) => {
      expect(toDomainError(sdkError(name), context)).toBeInstanceOf(ConflictError);
    },
  );

  it("keeps anything else as a GantryError coded with the SDK name, naming the action, with the cause", () => {
    const original = sdkError("AccessDeniedException", { message: "not authorized", httpStatusCode: 403 });
    const error = toDomainError(original, context);
    expect(error.constructor).toBe(GantryError);
    expect(error).toMatchObject({
      code: "AccessDeniedException",
      message: "ecs:UpdateService failed for service/blue/web: AccessDeniedException: not authorized",
      cause: original,
    });
  });

  it("wraps once: a GantryError passes through unchanged", () => {
    const inner = new NotFoundError("already mapped");
    expect(toDomainError(inner, { action: "outer:Call" })).toBe(inner);
  });

  it("copes with things that are not errors", () => {
    expect(toDomainError("boom", { action: "sqs:GetQueueAttributes" })).toMatchObject({
      code: "UnknownError",
      message: "sqs:GetQueueAttributes failed: UnknownError: boom",
    });
  });
});

describe("callAws", () => {
  it("returns the result or throws the mapped error", async () => {
    expect(await callAws(context, async () => 42)).toBe(42);
    await expect(
      callAws(context, async () => {
        throw sdkError("Throttling");
      }),
    ).rejects.toBeInstanceOf(ThrottledError);
  });
});

describe("isRetryable", () => {
  it.each([
    ["a throttle", sdkError("ThrottlingException"), true],
    ["a 5xx", sdkError("ServerException", { httpStatusCode: 503 }), true],
    ["a server fault", Object.assign(sdkError("InternalFailure"), { $fault: "server" }), true],
    ["a client error", sdkError("AccessDeniedException"), false],
    ["a missing resource", sdkError("ClusterNotFoundException"), false],
  ])("%s: retryable %s", (_, error, retryable) => {
    expect(isRetryable(toDomainError(error, context))).toBe(retryable);
  });

  it("names the SDK exception behind a domain error", () => {
    expect(awsErrorName(toDomainError(sdkError("ClusterNotFoundException"), context))).toBe(
      "ClusterNotFoundException",
    );
    expect(awsErrorName(new NotFoundError("ours"))).toBeUndefined();
  });
});
