import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
} from "@aws-sdk/client-application-auto-scaling";
import { GantryError } from "@gantry/core";
import { sdkError, TEST_CLIENT_CONFIG } from "@gantry/testing/sdk-mock";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createAasRegistrations } from "./aas-registrations.ts";

const aasMock = mockClient(ApplicationAutoScalingClient);
const client = new ApplicationAutoScalingClient({ ...TEST_CLIENT_CONFIG, maxAttempts: 1 });
const target = (id: string) => ({
  ServiceNamespace: "ecs" as const,
  ResourceId: id,
  ScalableDimension: "ecs:service:DesiredCount" as const,
  MinCapacity: 1,
  MaxCapacity: 4,
  RoleARN: "arn:aws:iam::123456789012:role/aas",
  CreationTime: new Date("2025-01-01T00:00:00Z"),
});

let now = 0;
const registry = () => createAasRegistrations(client, { now: () => now });

beforeEach(() => {
  aasMock.reset();
  now = 1_000_000;
});

describe("createAasRegistrations", () => {
  it("lists every ECS scalable target over all pages", async () => {
    aasMock
      .on(DescribeScalableTargetsCommand, { ServiceNamespace: "ecs", NextToken: undefined })
      .resolves({ ScalableTargets: [target("service/prod/web")], NextToken: "p2" })
      .on(DescribeScalableTargetsCommand, { ServiceNamespace: "ecs", NextToken: "p2" })
      .resolves({ ScalableTargets: [target("service/prod/worker")] });
    const ids = await registry().registeredServices();
    expect([...ids].sort()).toEqual(["service/prod/web", "service/prod/worker"]);
    expect(aasMock.commandCalls(DescribeScalableTargetsCommand)).toHaveLength(2);
  });

  it("asks AAS at most once a minute, and once for concurrent passes", async () => {
    aasMock.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [target("service/prod/web")] });
    const port = registry();
    await Promise.all([port.registeredServices(), port.registeredServices()]);
    now += 59_000;
    await port.registeredServices();
    expect(aasMock.commandCalls(DescribeScalableTargetsCommand)).toHaveLength(1);
    now += 2_000;
    aasMock.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [] });
    expect((await port.registeredServices()).size).toBe(0);
    expect(aasMock.commandCalls(DescribeScalableTargetsCommand)).toHaveLength(2);
  });

  it("bridges an outage with its last answer for 15 minutes, then throws a domain error naming the action", async () => {
    aasMock
      .on(DescribeScalableTargetsCommand)
      .resolvesOnce({ ScalableTargets: [target("service/prod/web")] });
    const port = registry();
    await port.registeredServices();
    aasMock
      .on(DescribeScalableTargetsCommand)
      .rejects(sdkError("InternalServiceException", { message: "boom" }));
    now += 10 * 60_000;
    expect([...(await port.registeredServices())]).toEqual(["service/prod/web"]);
    now += 6 * 60_000;
    const error = await port.registeredServices().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GantryError);
    expect(String((error as Error).message)).toContain("DescribeScalableTargets");
  });

  it("throws when it has never had an answer", async () => {
    aasMock.on(DescribeScalableTargetsCommand).rejects(sdkError("AccessDeniedException", { message: "no" }));
    await expect(registry().registeredServices()).rejects.toBeInstanceOf(GantryError);
  });
});
