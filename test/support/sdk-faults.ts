// SDK exceptions as the AWS SDK v3 deserializers and HTTP handler build them: a name, a fault, response
// metadata. The real adapters map these to domain errors, so the runtime sees what it would see in AWS.
import { toDomainError } from "@gantry/aws";
import { GantryError } from "@gantry/core";

export interface SdkError extends Error {
  $fault?: "client" | "server";
  $metadata?: { httpStatusCode?: number; attempts?: number; totalRetryDelay?: number };
  $retryable?: { throttling?: boolean };
}

function sdkError(name: string, message: string, fields: Partial<SdkError>): SdkError {
  const error = new Error(message) as SdkError;
  error.name = name;
  return Object.assign(error, fields);
}

/** 400 ThrottlingException: refused before doing anything. */
export function throttling(name = "ThrottlingException"): SdkError {
  return sdkError(name, "Rate exceeded (injected)", {
    $fault: "client",
    $metadata: { httpStatusCode: 400 },
    $retryable: { throttling: true },
  });
}

/** A 5xx: the service failed, and may have committed the change first. */
export function serverError(name = "ServerException", httpStatusCode = 500): SdkError {
  return sdkError(name, `${httpStatusCode} (injected)`, { $fault: "server", $metadata: { httpStatusCode } });
}

/** The socket timed out: no answer at all, so no metadata. */
export function timeoutError(): SdkError {
  return sdkError("TimeoutError", "Connection timed out after 5000 ms (injected)", {});
}

/** A 4xx refusal with `name` (ClusterNotFoundException, ServiceNotFoundException, ValidationError…). */
export function clientError(name: string, message: string): SdkError {
  return sdkError(name, message, { $fault: "client", $metadata: { httpStatusCode: 400 } });
}

/** Whether the SDK's retry strategy tries again: throttling, transient (timeouts) and 5xx errors. */
export function sdkRetries(error: unknown): boolean {
  const e = error as SdkError;
  if (e.$retryable?.throttling || e.$metadata?.httpStatusCode === 429) return true;
  if (e.name === "TimeoutError" || e.name === "RequestTimeout") return true;
  return (e.$metadata?.httpStatusCode ?? 0) >= 500;
}

/** What the DynamoDB store throws when DynamoDB answers 503 (packages/aws/src/dynamodb/dynamo-errors.ts). */
export function dynamoUnavailable(action = "UpdateItem"): GantryError {
  const message = `dynamodb:${action} failed: ServiceUnavailable: 503 (injected)`;
  return new GantryError("DynamoDbFailed", message, undefined, {
    cause: serverError("ServiceUnavailable", 503),
  });
}

/** What an AWS adapter throws for `sdk` (the ECS, CloudWatch and Auto Scaling adapters' mapping). */
export function domainError(sdk: SdkError, action: string): GantryError {
  return toDomainError(sdk, { action });
}
