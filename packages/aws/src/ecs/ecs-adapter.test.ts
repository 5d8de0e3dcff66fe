import {
  DescribeServicesCommand,
  type DescribeServicesCommandInput,
  ECSClient,
  type Service,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { NotFoundError, ThrottledError, ValidationError } from "@gantry/core";
import { sdkError, TEST_CLIENT_CONFIG } from "@gantry/testing/sdk-mock";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createEcsPort, isDeploying } from "./ecs-adapter.ts";

const ecsMock = mockClient(ECSClient);
const port = createEcsPort(new ECSClient(TEST_CLIENT_CONFIG), { retryDelaysMs: [0] });

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

  it("fails only the service of a failure other than MISSING; the rest of the batch stands", async () => {
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [service("api")],
      failures: [
        { arn: "arn:aws:ecs:eu-west-1:123456789012:service/blue/web", reason: "ACCESS_DENIED", detail: "no" },
        { arn: "arn:aws:ecs:eu-west-1:123456789012:service/blue/gone", reason: "MISSING" },
      ],
    });
    const result = await port.describeServices(["service/blue/web", "service/blue/api", "service/blue/gone"]);
    expect(result.services.map((snapshot) => snapshot.id)).toEqual(["service/blue/api"]);
    expect(result.missing).toEqual(["service/blue/gone"]);
    expect(result.failed).toEqual([
      {
        id: "service/blue/web",
        error: expect.objectContaining({
          code: "EcsFailure",
          message: expect.stringContaining("ACCESS_DENIED"),
        }),
      },
    ]);
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

  it("fails a malformed id alone, without asking ECS about it", async () => {
    ecsMock.on(DescribeServicesCommand).callsFake(describeEveryService);
    const result = await port.describeServices(["service/blue/web", "blue/web"]);
    expect(ecsMock).toHaveReceivedCommandExactlyOnceWith(DescribeServicesCommand, {
      cluster: "blue",
      services: ["web"],
    });
    expect(result.services.map((snapshot) => snapshot.id)).toEqual(["service/blue/web"]);
    expect(result.failed).toEqual([{ id: "blue/web", error: expect.any(ValidationError) }]);
    expect(result.failed[0]?.error.field).toBe("ids[1]");
  });
});

describe("describeServices isolation", () => {
  const ids = (cluster: string, count: number) =>
    Array.from({ length: count }, (_, i) => `service/${cluster}/svc-${i}`);

  it("fails only the targets of a cluster that does not exist; the other clusters are described", async () => {
    ecsMock.on(DescribeServicesCommand).callsFake((input: DescribeServicesCommandInput) => {
      if (input.cluster === "ghost")
        throw sdkError("ClusterNotFoundException", { message: "Cluster not found." });
      return describeEveryService(input);
    });
    const asked = [...ids("blue", 3), ...ids("ghost", 2), ...ids("green", 4)];

    const result = await port.describeServices(asked);

    expect(result.services.map((snapshot) => snapshot.id)).toEqual([...ids("blue", 3), ...ids("green", 4)]);
    expect(result.missing).toEqual([]);
    expect(result.failed.map((failure) => failure.id)).toEqual(ids("ghost", 2));
    for (const { error } of result.failed) {
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.message).toContain("ECS cluster ghost does not exist");
    }
  });

  it("asks once about a missing cluster, however many batches it has", async () => {
    const sequential = createEcsPort(new ECSClient(TEST_CLIENT_CONFIG), {
      concurrency: 1,
      retryDelaysMs: [0],
    });
    ecsMock.on(DescribeServicesCommand).rejects(sdkError("ClusterNotFoundException"));
    const result = await sequential.describeServices(ids("ghost", 25));
    expect(ecsMock).toHaveReceivedCommandTimes(DescribeServicesCommand, 1);
    expect(result.failed).toHaveLength(25);
  });

  it("retries a throttled second batch of 10, and every service is described", async () => {
    let throttled = false;
    ecsMock.on(DescribeServicesCommand).callsFake((input: DescribeServicesCommandInput) => {
      if (input.services?.[0] === "svc-10" && !throttled) {
        throttled = true;
        throw sdkError("ThrottlingException", { message: "Rate exceeded" });
      }
      return describeEveryService(input);
    });

    const result = await port.describeServices(ids("blue", 25));

    expect(ecsMock).toHaveReceivedCommandTimes(DescribeServicesCommand, 4);
    expect(result.services.map((snapshot) => snapshot.id)).toEqual(ids("blue", 25));
    expect(result.failed).toEqual([]);
  });

  it("splits a batch that stays throttled, so only the service at fault fails", async () => {
    // Every call naming svc-13 is throttled: retries cannot help, halving isolates it.
    ecsMock.on(DescribeServicesCommand).callsFake((input: DescribeServicesCommandInput) => {
      if (input.services?.includes("svc-13")) throw sdkError("ThrottlingException");
      return describeEveryService(input);
    });

    const result = await port.describeServices(ids("blue", 25));

    const described = ids("blue", 25).filter((id) => id !== "service/blue/svc-13");
    expect(result.services.map((snapshot) => snapshot.id)).toEqual(described);
    expect(result.failed).toEqual([{ id: "service/blue/svc-13", error: expect.any(ThrottledError) }]);
    const sizes = ecsMock
      .commandCalls(DescribeServicesCommand)
      .map((call) => call.args[0].input.services?.length);
    expect(Math.min(...(sizes as number[]))).toBe(1);
  });

  it("retries a 5xx answer once before splitting", async () => {
    let failures = 0;
    ecsMock.on(DescribeServicesCommand).callsFake((input: DescribeServicesCommandInput) => {
      if (failures++ === 0) throw sdkError("ServerException", { httpStatusCode: 500 });
      return describeEveryService(input);
    });
    const result = await port.describeServices(ids("blue", 3));
    expect(ecsMock).toHaveReceivedCommandTimes(DescribeServicesCommand, 2);
    expect(result.services).toHaveLength(3);
  });

  it("does not retry a client error, but still splits to isolate it", async () => {
    ecsMock.on(DescribeServicesCommand).callsFake((input: DescribeServicesCommandInput) => {
      if (input.services?.includes("svc-1")) throw sdkError("AccessDeniedException");
      return describeEveryService(input);
    });
    const result = await port.describeServices(ids("blue", 2));
    // [svc-0, svc-1] fails, then [svc-0] succeeds and [svc-1] fails: three calls, no retry.
    expect(ecsMock).toHaveReceivedCommandTimes(DescribeServicesCommand, 3);
    expect(result.services.map((snapshot) => snapshot.id)).toEqual(["service/blue/svc-0"]);
    expect(result.failed).toEqual([
      { id: "service/blue/svc-1", error: expect.objectContaining({ code: "AccessDeniedException" }) },
    ]);
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
