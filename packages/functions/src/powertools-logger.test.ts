import "@gantry/testing/test-env";
import { Logger } from "@aws-lambda-powertools/logger";
import { captureOutput } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { toReconcileLogger } from "./powertools-logger.ts";

describe("toReconcileLogger", () => {
  it("writes one JSON line per call with the target id and fields as top-level keys", async () => {
    const log = toReconcileLogger(new Logger({ serviceName: "gantry-test" }));
    const { lines } = await captureOutput(async () => {
      log.info("scaled", { targetId: "service/prod/worker", from: 2, to: 4 });
      log.warn("conflict", { targetId: "service/prod/api" });
      log.error("apply failed", { targetId: "service/prod/worker", error: new Error("AccessDenied") });
      log.info("pass done");
    });
    expect(lines).toMatchObject([
      {
        level: "INFO",
        message: "scaled",
        targetId: "service/prod/worker",
        from: 2,
        to: 4,
        service: "gantry-test",
      },
      { level: "WARN", message: "conflict", targetId: "service/prod/api" },
      { level: "ERROR", message: "apply failed", error: { name: "Error", message: "AccessDenied" } },
      { level: "INFO", message: "pass done" },
    ]);
    expect(lines[3]).not.toHaveProperty("targetId");
  });
});
