// `gantry import --deregister` (aws-sdk-client-mock): the services leave Application Auto Scaling only after the
// file is written and the user confirmed; refusals and partial failures are reported.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeregisterScalableTargetCommand } from "@aws-sdk/client-application-auto-scaling";
import { sdkError } from "@gantry/testing/sdk-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { type ImportOptions, runImport } from "../../packages/cli/src/import/run-import.ts";
import { aas, answerFromFixtures } from "./support/import-aws-mocks.ts";
import { FIXTURES, recordingIo } from "./support/import-io.ts";

const IDS = ["service/batch/report-builder", "service/prod/orders-worker", "service/prod/web"];
const outputFile = () => join(mkdtempSync(join(tmpdir(), "gantry-import-")), "gantry.yaml");

beforeEach(answerFromFixtures);

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
