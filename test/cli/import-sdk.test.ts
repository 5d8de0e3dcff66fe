// `gantry import` against AWS (aws-sdk-client-mock): every page read, alarms fetched for step policies only, the
// same file as from saved output; and `--deregister` handing the services over once confirmed.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ApplicationAutoScalingClient,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
} from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { sdkError } from "@gantry/testing/sdk-mock";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { type ImportOptions, runImport } from "../../packages/cli/src/import/run-import.ts";
import { FIXTURES, fixture, recordingIo } from "./support/import-io.ts";

const aas = mockClient(ApplicationAutoScalingClient);
const cloudWatch = mockClient(CloudWatchClient);
const IDS = ["service/batch/report-builder", "service/prod/orders-worker", "service/prod/web"];

/** AWS answers from the fixtures, each list split over two pages. */
function answerFromFixtures(): void {
  const pages = <K extends string>(file: string, key: K) => {
    const items = fixture(file, true)[key] as never[];
    const half = Math.ceil(items.length / 2);
    return [{ [key]: items.slice(0, half), NextToken: `${key}-2` }, { [key]: items.slice(half) }];
  };
  const [t1, t2] = pages("scalable-targets.json", "ScalableTargets");
  aas
    .on(DescribeScalableTargetsCommand)
    .resolvesOnce(t1 as never)
    .resolvesOnce(t2 as never);
  const [p1, p2] = pages("scaling-policies.json", "ScalingPolicies");
  aas
    .on(DescribeScalingPoliciesCommand)
    .resolvesOnce(p1 as never)
    .resolvesOnce(p2 as never);
  const [a1, a2] = pages("scheduled-actions.json", "ScheduledActions");
  aas
    .on(DescribeScheduledActionsCommand)
    .resolvesOnce(a1 as never)
    .resolvesOnce(a2 as never);
  const alarms = fixture("alarms.json", true).MetricAlarms as MetricAlarm[];
  cloudWatch.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames?: string[] }) => ({
    MetricAlarms: alarms.filter((a) => input.AlarmNames?.includes(a.AlarmName ?? "")),
  }));
}

const outputFile = () => join(mkdtempSync(join(tmpdir(), "gantry-import-")), "gantry.yaml");
/** The file without its first line, which names where it was read from. */
const body = (yaml: string) => yaml.split("\n").slice(1).join("\n");

beforeEach(() => {
  aas.reset();
  cloudWatch.reset();
  answerFromFixtures();
});

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
});

describe("gantry import --deregister", () => {
  async function deregister(options: ImportOptions, answer?: boolean) {
    const io = recordingIo(answer);
    const error = await runImport({ deregister: true, ...options }, io).then(
      () => undefined,
      (e: unknown) => e as Error & { exitCode?: number },
    );
    const deregistered = aas
      .commandCalls(DeregisterScalableTargetCommand)
      .map((c) => c.args[0].input.ResourceId);
    return { io, error, deregistered };
  }

  it("with --yes deregisters each imported service, after the file is written", async () => {
    const output = outputFile();
    aas.on(DeregisterScalableTargetCommand).callsFake(() => {
      if (!existsSync(output)) throw new Error("deregistered before the file was written");
      return {};
    });
    const { error, deregistered, io } = await deregister({ output, yes: true });
    expect(error).toBeUndefined();
    expect(deregistered).toEqual(IDS);
    expect(aas).toHaveReceivedCommandWith(DeregisterScalableTargetCommand, {
      ServiceNamespace: "ecs",
      ScalableDimension: "ecs:service:DesiredCount",
    });
    expect(io.err).toEqual(expect.arrayContaining(IDS.map((id) => `deregistered ${id}\n`)));
    expect(readFileSync(output, "utf8")).toContain("id: service/prod/web");
  });

  it("asks first, saying what will be lost, and does nothing when the answer is no", async () => {
    const declined = await deregister({ output: outputFile() }, false);
    expect(declined.deregistered).toEqual([]);
    expect(declined.io.questions).toEqual([
      expect.stringMatching(
        /^Deregister 3 service\(s\) from Application Auto Scaling\? .* 3 setting\(s\) were not carried over/,
      ),
    ]);
    expect(declined.io.err.at(-1)).toBe("Nothing deregistered.\n");
    aas.reset();
    answerFromFixtures();
    const accepted = await deregister({ output: outputFile() }, true);
    expect(accepted.deregistered).toEqual(IDS);
  });

  it.each([
    [
      "without a terminal or --yes",
      { withFile: true },
      "--deregister: standard input is not a terminal; pass --yes to confirm",
    ],
    [
      "with --from",
      { from: FIXTURES, withFile: true, yes: true },
      "--deregister: nothing live to deregister with --from",
    ],
    ["without -o", { yes: true }, "--deregister needs -o FILE"],
  ] as [string, ImportOptions & { withFile?: boolean }, string][])(
    "refuses %s (exit 2)",
    async (_, cases, message) => {
      const { withFile, ...options } = cases;
      const { error, deregistered } = await deregister({
        ...options,
        ...(withFile && { output: outputFile() }),
      });
      expect(error?.message).toContain(message);
      expect(error?.exitCode).toBe(2);
      expect(deregistered).toEqual([]);
    },
  );

  it("with --strict stops before deregistering when something was not carried over", async () => {
    const { error, deregistered } = await deregister({ output: outputFile(), yes: true, strict: true });
    expect(error?.message).toBe("3 setting(s) not carried over (--strict)");
    expect(error?.exitCode).toBe(1);
    expect(deregistered).toEqual([]);
  });

  it("goes on past a service that fails and exits 1 naming it; one already gone is not a failure", async () => {
    aas
      .on(DeregisterScalableTargetCommand)
      .resolves({})
      .on(DeregisterScalableTargetCommand, { ResourceId: IDS[0] })
      .rejects(sdkError("ObjectNotFoundException"))
      .on(DeregisterScalableTargetCommand, { ResourceId: IDS[1] })
      .rejects(sdkError("AccessDeniedException", { message: "denied" }));
    const { error, deregistered, io } = await deregister({ output: outputFile(), yes: true });
    expect(deregistered).toEqual(IDS);
    expect(io.err).toContain(`${IDS[0]} was not registered (any more)\n`);
    expect(error?.exitCode).toBe(1);
    expect(error?.message).toBe(
      `1 of 3 not deregistered:\n  ${IDS[1]}: application-autoscaling:DeregisterScalableTarget failed for ${IDS[1]}: AccessDeniedException: denied`,
    );
  });
});
