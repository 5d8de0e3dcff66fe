import "@gantry/testing/test-env";
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";
import { captureOutput, FakeReconciler, lambdaContext, outcome, VirtualClock } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { BadEventError } from "./bad-event-error.ts";
import { DEADLINE_SAFETY_MS } from "./invocation-deadline.ts";
import { toReconcileLogger } from "./powertools-logger.ts";
import { createTickHandler } from "./tick.ts";

const START = Date.UTC(2026, 0, 1, 12, 0, 0);

/** An EventBridge "Scheduled Event" as the classic scheduled rule sends it. */
const SCHEDULED_EVENT = {
  version: "0",
  id: "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
  "detail-type": "Scheduled Event",
  source: "aws.events",
  account: "123456789012",
  time: "2026-01-01T12:00:00Z",
  region: "eu-west-1",
  resources: ["arn:aws:events:eu-west-1:123456789012:rule/gantry-tick"],
  detail: {},
};

function setup(options: { subTickSeconds: number; remainingMs: number; passMs?: number }) {
  const clock = new VirtualClock(START);
  const logger = new Logger({ serviceName: "gantry-test" });
  const reconciler = new FakeReconciler({ clock, passMs: options.passMs ?? 1_000 });
  const handler = createTickHandler({
    reconciler,
    clock,
    sleep: clock.sleep,
    subTickSeconds: options.subTickSeconds,
    logger,
    metrics: new Metrics({ namespace: "GantryTest", serviceName: "gantry-test" }),
    tracer: new Tracer({ enabled: false }),
  });
  const context = lambdaContext({ remainingMs: options.remainingMs, now: () => clock.now() });
  return { clock, reconciler, handler, context, logger };
}

describe("tick handler", () => {
  it("runs 4 passes in 60 s with N = 15, each with the invocation's deadline", async () => {
    const { reconciler, handler, context, clock } = setup({ subTickSeconds: 15, remainingMs: 60_000 });
    const { result } = await captureOutput(() => handler(SCHEDULED_EVENT, context));
    const deadline = START + 60_000 - DEADLINE_SAFETY_MS;
    expect(result.passes).toBe(4);
    expect(reconciler.calls).toHaveLength(4);
    reconciler.calls.forEach((call, pass) => {
      expect(call.deadline).toBeLessThanOrEqual(deadline);
      expect(call).toEqual({ deadline, trigger: { type: "schedule" }, syncAlarms: pass === 0 });
    });
    expect(clock.now()).toBeLessThanOrEqual(deadline);
  });

  it("skips the last slot when the longest pass would not end by the deadline", async () => {
    // Deadline at +45 s: the 45 s slot plus a 1 s pass would end after it.
    const { reconciler, handler, context } = setup({ subTickSeconds: 15, remainingMs: 48_000 });
    await captureOutput(() => handler({}, context));
    expect(reconciler.calls).toHaveLength(3);
  });

  it.each([0, 60])("runs one pass with N = %s", async (subTickSeconds) => {
    const { reconciler, handler, context } = setup({ subTickSeconds, remainingMs: 60_000 });
    const { result } = await captureOutput(() => handler({}, context));
    expect(result.passes).toBe(1);
    expect(reconciler.calls).toHaveLength(1);
  });

  it("returns outcome counts summed over the passes", async () => {
    const { reconciler, handler, context } = setup({ subTickSeconds: 30, remainingMs: 60_000 });
    reconciler.outcomes = [
      outcome("service/c/a", "Successful"),
      outcome("service/c/b", "Unchanged"),
      outcome("service/c/c", "Failed"),
    ];
    const { result } = await captureOutput(() => handler({}, context));
    expect(result).toEqual({ passes: 2, outcomes: { Successful: 2, Unchanged: 2, Failed: 2 } });
  });

  it("accepts an empty EventBridge Scheduler payload and rejects a non-object", async () => {
    const { handler, context } = setup({ subTickSeconds: 0, remainingMs: 60_000 });
    await expect(captureOutput(() => handler({}, context))).resolves.toBeDefined();
    const array = captureOutput(() => handler(["not", "an", "event"], context));
    await expect(array).rejects.toBeInstanceOf(BadEventError);
    const nothing = captureOutput(() => handler(null, context));
    await expect(nothing).rejects.toThrow(/^Bad tick event: event: expected object, received null/);
  });

  it("lets a failed pass fail the invocation, unchanged", async () => {
    const { reconciler, handler, context } = setup({ subTickSeconds: 15, remainingMs: 60_000 });
    const failure = new Error("store unavailable");
    reconciler.failNext(failure);
    await expect(captureOutput(() => handler({}, context))).rejects.toBe(failure);
  });

  it("logs with the Lambda request id and the target id, and flushes EMF metrics", async () => {
    const { clock, logger, context } = setup({ subTickSeconds: 0, remainingMs: 60_000 });
    const log = toReconcileLogger(logger);
    const reconciler = new FakeReconciler({
      clock,
      onPass: () => log.info("target reconciled", { targetId: "service/prod/worker" }),
    });
    const handler = createTickHandler({
      reconciler,
      clock,
      sleep: clock.sleep,
      subTickSeconds: 0,
      logger,
      tracer: new Tracer({ enabled: false }),
    });
    const { lines } = await captureOutput(() => handler(SCHEDULED_EVENT, context));
    const targetLine = lines.find((line) => line.message === "target reconciled");
    expect(targetLine).toMatchObject({
      function_request_id: context.awsRequestId,
      targetId: "service/prod/worker",
      service: "gantry-test",
    });
    expect(lines.find((line) => line.message === "tick finished")).toMatchObject({
      function_request_id: context.awsRequestId,
      eventId: SCHEDULED_EVENT.id,
      passes: 1,
    });
    const emf = lines.find((line) => "TickPasses" in line);
    expect(emf).toMatchObject({ TickPasses: 1, service: "gantry-test" });
    expect(JSON.stringify(emf)).toContain('"Namespace":"GantryTest"');
  });
});
