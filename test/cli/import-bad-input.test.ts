// Saved output that is missing or the wrong shape: exit 2 with the file and the field named, before any output.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CliError } from "../../packages/cli/src/cli-error.ts";
import { runImport } from "../../packages/cli/src/import/run-import.ts";
import { copyFixtures, recordingIo } from "./support/import-io.ts";

/** The error `gantry import --from` stops with, after `change` breaks the copied fixtures. */
async function failure(
  change: (dir: string) => void,
): Promise<{ message: string; exitCode: number; out: string[] }> {
  const dir = copyFixtures();
  change(dir);
  const io = recordingIo();
  const error = await runImport({ from: dir }, io).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CliError)) throw new Error(`expected a CliError, got ${String(error)}`);
  return { message: error.message.replaceAll(dir, "DIR"), exitCode: error.exitCode, out: io.out };
}

const edit = (dir: string, file: string, change: (json: Record<string, unknown[]>) => unknown) => {
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(change(JSON.parse(readFileSync(path, "utf8")))));
};

describe("gantry import --from with bad input", () => {
  it("names a missing file and the AWS CLI command that saves it", async () => {
    const { message, exitCode, out } = await failure((dir) => rmSync(join(dir, "scaling-policies.json")));
    expect(exitCode).toBe(2);
    expect(message).toBe(
      "DIR/scaling-policies.json: no such file (save it with `aws application-autoscaling describe-scaling-policies --service-namespace ecs > scaling-policies.json`)",
    );
    expect(out).toEqual([]);
  });

  it("needs alarms.json when step policies name alarms, and says which", async () => {
    const { message } = await failure((dir) => rmSync(join(dir, "alarms.json")));
    expect(message).toMatch(
      /^DIR\/alarms\.json: no such file \(save it with `aws cloudwatch describe-alarms --alarm-names orders-worker-queue-age-high orders-worker-queue-age-low report-builder-backlog-high > alarms\.json`\)$/,
    );
  });

  it("reads without alarms.json when no step policy names an alarm", async () => {
    const dir = copyFixtures();
    rmSync(join(dir, "alarms.json"));
    edit(dir, "scaling-policies.json", (json) => ({
      ScalingPolicies: json.ScalingPolicies?.filter(
        (p) => (p as { PolicyType: string }).PolicyType !== "StepScaling",
      ),
    }));
    const io = recordingIo();
    await runImport({ from: dir }, io);
    expect(io.err[0]).toMatch(/^Imported 3 targets, 5 policies/);
  });

  it("lists every wrong field of a file, by its path", async () => {
    const { message, exitCode } = await failure((dir) =>
      edit(dir, "scalable-targets.json", (json) => {
        const [first, second] = json.ScalableTargets as Record<string, unknown>[];
        return {
          ScalableTargets: [
            { ...first, MinCapacity: "2" },
            { ...second, ResourceId: undefined },
          ],
        };
      }),
    );
    expect(exitCode).toBe(2);
    expect(message).toBe(
      [
        "DIR/scalable-targets.json: 2 problems (expected the output of `aws application-autoscaling describe-scalable-targets --service-namespace ecs`):",
        "  ScalableTargets[0].MinCapacity: expected number, received string",
        "  ScalableTargets[1].ResourceId: expected string, received undefined",
      ].join("\n"),
    );
  });

  it.each([
    [
      "the output of another command",
      "scheduled-actions.json",
      () => ({ ScalingPolicies: [] }),
      "ScheduledActions: expected array, received undefined",
    ],
    [
      "one page of several",
      "scaling-policies.json",
      (json: Record<string, unknown[]>) => ({ ...json, NextToken: "eyJ2IjoxfQ==" }),
      "NextToken: the output is one page of several (drop --max-items and save it again)",
    ],
    [
      "a time that is not one",
      "scheduled-actions.json",
      (json: Record<string, unknown[]>) => ({
        ScheduledActions: json.ScheduledActions?.map((a, i) =>
          i === 0 ? { ...(a as object), StartTime: "yesterday" } : a,
        ),
      }),
      "ScheduledActions[0].StartTime: expected an ISO-8601 time",
    ],
  ])("names the field of %s", async (_, file, change, problem) => {
    const { message } = await failure((dir) => edit(dir, file, change));
    expect(message.split("\n")).toEqual([
      expect.stringMatching(new RegExp(`^DIR/${file}: 1 problem `)),
      `  ${problem}`,
    ]);
  });

  it("reports a file that is not JSON, and a --from that is not a directory", async () => {
    const broken = await failure((dir) => writeFileSync(join(dir, "alarms.json"), '{"MetricAlarms": ['));
    expect(broken.message).toMatch(/^DIR\/alarms\.json: invalid JSON: /);
    const io = recordingIo();
    await expect(runImport({ from: "/nonexistent/saved" }, io)).rejects.toThrow(
      "--from /nonexistent/saved: not a directory",
    );
  });
});
