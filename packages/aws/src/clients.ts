import { ApplicationAutoScalingClient } from "@aws-sdk/client-application-auto-scaling";
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ECSClient, type ECSClientConfig } from "@aws-sdk/client-ecs";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SQSClient } from "@aws-sdk/client-sqs";

/** Attempts per call, the first included. Throttling is retried with backoff by the SDK's adaptive mode. */
export const DEFAULT_MAX_ATTEMPTS = 5;

export interface AwsClientOptions {
  /** Defaults to the SDK's own resolution (AWS_REGION in Lambda). */
  region?: string;
  maxAttempts?: number;
  /** Static credentials, for tests and local runs; otherwise the SDK's default chain, resolved on first call. */
  credentials?: ECSClientConfig["credentials"];
}

export interface AwsClients {
  ecs: ECSClient;
  cloudWatch: CloudWatchClient;
  sqs: SQSClient;
  eventBridge: EventBridgeClient;
  autoScaling: AutoScalingClient;
  applicationAutoScaling: ApplicationAutoScalingClient;
  dynamoDb: DynamoDBClient;
}

/**
 * A logger without `info`: the SDK's logger middleware builds an info line for every call, filtering the whole
 * response for sensitive fields, whenever its logger has `info`, even the default no-op one. At 10,000 targets
 * that is a quarter of a pass's allocations, for a line nobody reads. The rest stay no-ops, as by default.
 */
const QUIET_LOGGER = { debug() {}, warn() {}, error() {} } as unknown as NonNullable<
  ECSClientConfig["logger"]
>;

/**
 * The configuration every Gantry SDK client shares. `adaptive` retry adds client-side rate limiting on top of
 * exponential backoff, so a throttled API is called more slowly instead of failing the tick.
 */
export function awsClientConfig(options: AwsClientOptions = {}) {
  return {
    logger: QUIET_LOGGER,
    retryMode: "adaptive",
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  };
}

/** Build the SDK clients the adapters take. Nothing is resolved or sent until the first call. */
export function createAwsClients(options: AwsClientOptions = {}): AwsClients {
  const config = awsClientConfig(options);
  return {
    ecs: new ECSClient(config),
    cloudWatch: new CloudWatchClient(config),
    sqs: new SQSClient(config),
    eventBridge: new EventBridgeClient(config),
    autoScaling: new AutoScalingClient(config),
    applicationAutoScaling: new ApplicationAutoScalingClient(config),
    dynamoDb: new DynamoDBClient(config),
  };
}

/** The clients the API's operator routes call (ECS, CloudWatch, DynamoDB): the API bundles no others. */
export type OperatorClients = Pick<AwsClients, "ecs" | "cloudWatch" | "dynamoDb">;

export function createOperatorClients(options: AwsClientOptions = {}): OperatorClients {
  const config = awsClientConfig(options);
  return {
    ecs: new ECSClient(config),
    cloudWatch: new CloudWatchClient(config),
    dynamoDb: new DynamoDBClient(config),
  };
}
