import type { Tracer } from "@aws-lambda-powertools/tracer";
import { describe, expect, it } from "vitest";
import { createApiDepsFromEnv } from "./api-deps-from-env.ts";

describe("createApiDepsFromEnv", () => {
  it("hands every SDK client it builds to the Tracer, so the API's AWS calls are traced too", () => {
    const captured: string[] = [];
    const tracer = {
      captureAWSv3Client: <T>(client: T) => {
        captured.push((client as { constructor: { name: string } }).constructor.name);
        return client;
      },
    } as unknown as Tracer;
    createApiDepsFromEnv({ TABLE_NAME: "gantry", AWS_REGION: "us-east-1" }, tracer);
    expect(captured).toEqual(expect.arrayContaining(["ECSClient", "CloudWatchClient", "DynamoDBClient"]));
  });
});
