import {
  DescribeServicesCommand,
  type DescribeServicesCommandInput,
  ECSClient,
  type Service,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { GantryError, NotFoundError, ThrottledError, ValidationError } from "@gantry/core";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { sdkError, TEST_CLIENT_CONFIG } from "../test-support/sdk-mock.ts";
import { createEcsPort, isDeploying } from "./ecs-adapter.ts";

const ecsMock = mockClient(ECSClient);
const port = createEcsPort(new ECSClient(TEST_CLIENT_CONFIG));

function service(name: string, overrides: Partial<Service> = {}): Service {
  return {
    serviceName: name,
    status: "ACTIVE",
    desiredCount: 3,
    runningCount: 2,
    pendingCount: 1,
    deployments: [{ status: "PRIMARY", rolloutState: "COMPLETED" }],
    ...overrides,
  };
}

/** Answers DescribeServices with every requested service, as ECS would. */
function describeEveryService(input: DescribeServicesCommandInput) {
  return { services: (input.services ?? []).map((name) => service(name)), failures: [] };
}

beforeEach(() => ecsMock.reset());

describe("describeServices", () => {
  it("batches by cluster, at most 10 services per call", async () => {
    ecsMock.on(DescribeServicesCommand).callsFake(describeEveryService);
    const ids = [
      ...Array.from({ length: 21 }, (_, i) => `service/blue/web-${i}`),
      ...Array.from({ length: 2 }, (_, i) => `service/green/worker-${i}`),
    ];

    const result = await port.describeServices(ids);

    expect(ecsMock).toHaveReceivedCommandTimes(DescribeServicesCommand, 4);
    const inputs = ecsMock.commandCalls(DescribeServicesCommand).map((call) => call.args[0].input);
    expect(inputs.map((input) => [input.cluster, input.services?.length])).toEqual([
      ["blue", 10],
      ["blue", 10],
      ["blue", 1],
      ["green", 2],
    ]);
    expect(inputs[3]?.services).toEqual(["worker-0", "worker-1"]);
    expect(result.services.map((snapshot) => snapshot.id)).toEqual(ids);
    expect(result.missing).toEqual([]);
  });

  it("maps the counts and asks once for a repeated id", async () => {
    ecsMock.on(DescribeServicesCommand).callsFake(describeEveryService);
    const result = await port.describeServices(["service/blue/web", "service/blue/web"]);
    expect(ecsMock).toHaveReceivedCommandExactlyOnceWith(DescribeServicesCommand, {
      cluster: "blue",
      services: ["web"],
    });
    expect(result.services).toEqual([
      {
        id: "service/blue/web",
        desiredCount: 3,
        runningCount: 2,
        pendingCount: 1,
        deploymentInProgress: false,
      },
    ]);
  });

  it("reports MISSING failures and deleted services as missing", async () => {
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [service("web"), service("old", { status: "INACTIVE" })],
      failures: [{ arn: "arn:aws:ecs:eu-west-1:123456789012:service/blue/gone", reason: "MISSING" }],
    });
    const result = await port.describeServices(["service/blue/web", "service/blue/gone", "service/blue/old"]);
    expect(result.services.map((snapshot) => snapshot.id)).toEqual(["service/blue/web"]);
    expect(result.missing).toEqual(["service/blue/gone", "service/blue/old"]);
  });

  it("throws on failures other than MISSING", async () => {
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [],
      failures: [{ arn: "arn:aws:ecs:eu-west-1:123456789012:service/blue/web", reason: "ACCESS_DENIED" }],
    });
    const error = await port.describeServices(["service/blue/web"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GantryError);
    expect(error).toMatchObject({ code: "EcsFailure", message: expect.stringContaining("ACCESS_DENIED") });
  });

  it("detects deployments in progress", async () => {
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [
        service("two", { deployments: [{ status: "PRIMARY" }, { status: "ACTIVE" }] }),
        service("rolling", { deployments: [{ status: "PRIMARY", rolloutState: "IN_PROGRESS" }] }),
        service("done"),
      ],
    });
    const result = await port.describeServices(["service/c/two", "service/c/rolling", "service/c/done"]);
    expect(result.services.map((snapshot) => snapshot.deploymentInProgress)).toEqual([true, true, false]);
    expect(isDeploying([])).toBe(false);
  });

  it("rejects malformed ids before calling ECS", async () => {
    await expect(port.describeServices(["service/blue/web", "blue/web"])).rejects.toMatchObject({
      code: "ValidationError",
      field: "ids[1]",
    });
    expect(ecsMock).not.toHaveReceivedAnyCommand();
  });

  it("maps throttling to ThrottledError", async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .rejects(sdkError("ThrottlingException", { message: "Rate exceeded" }));
    await expect(port.describeServices(["service/blue/web"])).rejects.toBeInstanceOf(ThrottledError);
  });
});

describe("setDesiredCount", () => {
  it("sends UpdateService with only desiredCount", async () => {
    ecsMock.on(UpdateServiceCommand).resolves({});
    await port.setDesiredCount("service/blue/web", 7);
    expect(ecsMock).toHaveReceivedCommandExactlyOnceWith(UpdateServiceCommand, {
      cluster: "blue",
      service: "web",
      desiredCount: 7,
    });
    expect(Object.keys(ecsMock.commandCalls(UpdateServiceCommand)[0]?.args[0].input ?? {}).sort()).toEqual([
      "cluster",
      "desiredCount",
      "service",
    ]);
  });

  it.each(["ServiceNotFoundException", "ClusterNotFoundException", "ServiceNotActiveException"])(
    "maps %s to NotFoundError naming the action and service",
    async (name) => {
      const original = sdkError(name);
      ecsMock.on(UpdateServiceCommand).rejects(original);
      const error = await port.setDesiredCount("service/blue/web", 1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({
        message: expect.stringMatching(/^ecs:UpdateService failed for service\/blue\/web: /),
        cause: original,
      });
    },
  );

  it("refuses a negative or fractional count without calling ECS", async () => {
    await expect(port.setDesiredCount("service/blue/web", -1)).rejects.toBeInstanceOf(ValidationError);
    await expect(port.setDesiredCount("service/blue/web", 1.5)).rejects.toBeInstanceOf(ValidationError);
    expect(ecsMock).not.toHaveReceivedAnyCommand();
  });

  it("keeps the SDK error name as the code of anything unmapped", async () => {
    ecsMock.on(UpdateServiceCommand).rejects(sdkError("AccessDeniedException"));
    await expect(port.setDesiredCount("service/blue/web", 1)).rejects.toMatchObject({
      code: "AccessDeniedException",
    });
  });
});
