// The module-level handlers' tests: Lambda's environment (region, static fake credentials) and every SDK client
// the handlers build, mocked with aws-sdk-client-mock.
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ECSClient } from "@aws-sdk/client-ecs";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll } from "vitest";

/** Sets Lambda's environment for this test file (plus `extra`) and restores the process's after it. */
export function useLambdaEnv(extra: Record<string, string> = {}): void {
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "AKIAFAKEFAKEFAKEFAKE",
    AWS_SECRET_ACCESS_KEY: "fake-secret-key-for-tests",
    SUB_TICK_SECONDS: "0",
    ...extra,
  });
  afterAll(() => {
    process.env = saved;
  });
}

/** One mock per SDK client the handlers use; `reset` clears them all between tests. */
export function mockAwsClients() {
  const mocks = {
    documents: mockClient(DynamoDBDocumentClient),
    dynamo: mockClient(DynamoDBClient),
    ecs: mockClient(ECSClient),
    cloudWatch: mockClient(CloudWatchClient),
    events: mockClient(EventBridgeClient),
    sqs: mockClient(SQSClient),
    autoScaling: mockClient(AutoScalingClient),
  };
  return {
    ...mocks,
    reset(): void {
      for (const mock of Object.values(mocks)) mock.reset();
    },
  };
}
