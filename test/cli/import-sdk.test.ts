// `gantry import` against AWS (aws-sdk-client-mock): every page read, alarms fetched for step policies only, the
// same file as from saved output.
import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
} from "@aws-sdk/client-application-auto-scaling";
import { DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { sdkError } from "@gantry/testing/sdk-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { runImport } from "../../packages/cli/src/import/run-import.ts";
import { aas, answerFromFixtures, cloudWatch } from "./support/import-aws-mocks.ts";
import { FIXTURES, recordingIo } from "./support/import-io.ts";

/** The file without its first line, which names where it was read from. */
const body = (yaml: string) => yaml.split("\n").slice(1).join("\n");

beforeEach(answerFromFixtures);

describe("gantry import from AWS", () => {
  it("reads every page and the step policies' alarms, and writes the same file as from saved output", async () => {
    const live = recordingIo();
    await runImport({ region: "eu-west-1" }, live);
    const saved = recordingIo();
    await runImport({ from: FIXTURES }, saved);

    expect(body(live.out.join(""))).toBe(body(saved.out.join("")));
    expect(live.out.join("")).toMatch(
      /^# Imported by `gantry import` from Application Auto Scaling \(ECS\), region eu-west-1\./,
    );
    expect(live.err).toEqual(saved.err);
    for (const command of [
      DescribeScalableTargetsCommand,
      DescribeScalingPoliciesCommand,
      DescribeScheduledActionsCommand,
    ]) {
      expect(aas).toHaveReceivedCommandTimes(command, 2);
    }
    // Only the alarms step policies name; the target tracking policies' own alarms are AWS's and not read.
    expect(cloudWatch).toHaveReceivedCommandExactlyOnceWith(DescribeAlarmsCommand, {
      AlarmNames: [
        "orders-worker-queue-age-high",
        "orders-worker-queue-age-low",
        "report-builder-backlog-high",
      ],
    });
  });

  it("stops with the AWS error, naming the action, and writes nothing", async () => {
    aas
      .on(DescribeScalingPoliciesCommand)
      .rejects(sdkError("AccessDeniedException", { message: "not allowed" }));
    const io = recordingIo();
    await expect(runImport({}, io)).rejects.toThrow(
      "application-autoscaling:DescribeScalingPolicies failed: AccessDeniedException: not allowed",
    );
    expect(io.out).toEqual([]);
  });
  it("asks for --region when the SDK finds none (exit 2)", async () => {
    aas.on(DescribeScalableTargetsCommand).rejects(new Error("Region is missing"));
    const error = await runImport({}, recordingIo()).catch(
      (e: unknown) => e as Error & { exitCode?: number },
    );
    expect(error).toMatchObject({ message: "no AWS region: pass --region or set AWS_REGION", exitCode: 2 });
  });
});
