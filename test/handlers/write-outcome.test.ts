// Which failed UpdateService calls certainly did not take effect, told from what the real ECS adapter throws for
// the SDK's own exceptions: only those may roll the claimed state back (packages/runtime/src/apply).
import { ClientException, ECSClient, ServerException, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { createEcsPort } from "@gantry/aws";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import { certainlyNotApplied } from "../../packages/runtime/src/apply/write-outcome.ts";

const ecs = mockClient(ECSClient);
const port = createEcsPort(new ECSClient({ region: "eu-west-1" }));

async function failureOf(error: Error): Promise<unknown> {
  ecs.reset();
  ecs.on(UpdateServiceCommand).rejects(error);
  return port.setDesiredCount("service/prod/worker", 5).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
}

const meta = (httpStatusCode: number, attempts = 1) => ({ httpStatusCode, attempts, totalRetryDelay: 0 });

describe("an UpdateService failure: certainly not applied, or unknown", () => {
  it.each([
    ["ClientException (4xx)", new ClientException({ message: "bad", $metadata: meta(400) }), true],
    [
      "ThrottlingException on the first attempt",
      Object.assign(new Error("slow down"), { name: "ThrottlingException", $metadata: meta(400) }),
      true,
    ],
    [
      "ServerException (5xx: may have committed)",
      new ServerException({ message: "oops", $metadata: meta(500) }),
      false,
    ],
    [
      "a timeout (no answer at all)",
      Object.assign(new Error("socket hang up"), { name: "TimeoutError" }),
      false,
    ],
    [
      "a throttle after the SDK retried an attempt whose answer was lost",
      Object.assign(new Error("slow down"), { name: "ThrottlingException", $metadata: meta(400, 3) }),
      false,
    ],
  ])("%s → certainly not applied: %s", async (_name, error, certain) => {
    const thrown = await failureOf(error);
    expect(thrown).toBeInstanceOf(Error);
    expect(certainlyNotApplied(thrown)).toBe(certain);
  });
});
