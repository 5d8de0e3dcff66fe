import "@gantry/testing/test-env";
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";
import { type EcsPort, ThrottledError } from "@gantry/core";
import type { Reconciler } from "@gantry/runtime";
import { captureOutput, FakeReconciler, lambdaContext, outcome, VirtualClock } from "@gantry/testing";
import fixture from "@gantry/testing/alarm-state-change.json" with { type: "json" };
import { configOf, simWorld, stepConfig } from "@gantry/testing/sim-fixture";
import { describe, expect, it, vi } from "vitest";
import { createAlarmHandler } from "./alarm.ts";
import { AlarmFailureError } from "./alarm-failure-error.ts";
import { BadEventError } from "./bad-event-error.ts";
import { DEADLINE_SAFETY_MS } from "./invocation-deadline.ts";
import { createQuietObservability } from "./observability.ts";

const TARGET_ID = "service/prod/worker";
const ALARM_NAME = fixture.detail.alarmName;

const REMOVE = Symbol("remove");

/** A copy of the AWS-shaped fixture with the field at `path` replaced, or removed with REMOVE. */
function alarmEvent(path: readonly string[] = [], value: unknown = REMOVE): unknown {
  const event: Record<string, unknown> = structuredClone(fixture);
  if (path.length === 0) return event;
  let parent = event;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = path.at(-1) as string;
  if (value === REMOVE) delete parent[last];
  else parent[last] = value;
  return event;
}

function setup(options: { alarmStage?: string; alarmName?: string } = {}) {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1, 12, 0, 41));
  const reconciler = new FakeReconciler({ clock });
  reconciler.outcomes = [outcome(TARGET_ID, "Successful")];
  const alarmTargets = vi.fn(async () => new Map([[options.alarmName ?? ALARM_NAME, TARGET_ID]]));
  const handler = createAlarmHandler({
    reconciler,
    clock,
    alarmTargets,
    ...(options.alarmStage !== undefined && { alarmStage: options.alarmStage }),
    logger: new Logger({ serviceName: "gantry-test" }),
    metrics: new Metrics({ namespace: "GantryTest", serviceName: "gantry-test" }),
    tracer: new Tracer({ enabled: false }),
  });
  const context = lambdaContext({ remainingMs: 30_000, now: () => clock.now() });
  const invoke = async (event: unknown) => (await captureOutput(() => handler(event, context))).result;
  return { clock, reconciler, alarmTargets, handler, context, invoke };
}

describe("alarm handler", () => {
  it("reconciles the alarm's target at once, passing the event id as the trigger", async () => {
    const { reconciler, clock, invoke } = setup();
    const deadline = clock.now() + 30_000 - DEADLINE_SAFETY_MS;
    const result = await invoke(alarmEvent());
    expect(result).toEqual({ targetId: TARGET_ID, eventId: fixture.id, outcomes: { Successful: 1 } });
    expect(reconciler.calls).toEqual([
      { deadline, targetIds: [TARGET_ID], trigger: { type: "alarm", eventId: fixture.id } },
    ]);
  });

  it("passes a redelivered event with the same event id both times (the dedupe is downstream)", async () => {
    const { reconciler, invoke } = setup();
    await invoke(alarmEvent());
    await invoke(alarmEvent());
    expect(reconciler.calls.map((call) => call.trigger)).toEqual([
      { type: "alarm", eventId: fixture.id },
      { type: "alarm", eventId: fixture.id },
    ]);
  });

  it.each(["OK", "INSUFFICIENT_DATA"])("ignores a change to %s", async (value) => {
    const { reconciler, alarmTargets, invoke } = setup();
    const result = await invoke(alarmEvent(["detail", "state", "value"], value));
    expect(result).toEqual({ ignored: `alarm ${ALARM_NAME} went to ${value}, not ALARM` });
    expect(reconciler.calls).toEqual([]);
    expect(alarmTargets).not.toHaveBeenCalled();
  });

  it("ignores an alarm Gantry does not manage", async () => {
    const { reconciler, invoke } = setup();
    const result = await invoke(alarmEvent(["detail", "alarmName"], "ServerCpuTooHigh"));
    expect(result).toEqual({ ignored: "alarm ServerCpuTooHigh is not a Gantry alarm" });
    expect(reconciler.calls).toEqual([]);
  });

  it("ignores a gantry- alarm that belongs to no target (an orphan)", async () => {
    const { reconciler, invoke } = setup();
    const result = await invoke(alarmEvent(["detail", "alarmName"], "gantry-deleted-policy"));
    expect(result).toEqual({ ignored: "alarm gantry-deleted-policy belongs to no target (an orphan?)" });
    expect(reconciler.calls).toEqual([]);
  });

  describe("with stages sharing the account", () => {
    const HASH = "0123456789ab";
    const devAlarm = `gantry-dev-${HASH}-worker-backlog-high`;
    const prodAlarm = `gantry-prod-${HASH}-worker-backlog-high`;
    const unstagedAlarm = `gantry-${HASH}-worker-backlog-high`;

    it("reconciles its own stage's alarm", async () => {
      const { reconciler, invoke } = setup({ alarmStage: "dev", alarmName: devAlarm });
      const result = await invoke(alarmEvent(["detail", "alarmName"], devAlarm));
      expect(result).toMatchObject({ targetId: TARGET_ID });
      expect(reconciler.calls).toHaveLength(1);
    });

    it.each([
      { alarmStage: "dev", name: prodAlarm, why: `belongs to stage prod; this is stage dev` },
      { alarmStage: "dev", name: unstagedAlarm, why: `belongs to no stage; this is stage dev` },
      { alarmStage: "dev-a", name: devAlarm, why: `belongs to stage dev; this is stage dev-a` },
      { alarmStage: undefined, name: prodAlarm, why: `belongs to stage prod; this deployment has no stage` },
    ])("ignores $name in stage $alarmStage, saying whose it is", async ({ alarmStage, name, why }) => {
      const { reconciler, alarmTargets, invoke } = setup({
        ...(alarmStage !== undefined && { alarmStage }),
        alarmName: name,
      });
      const result = await invoke(alarmEvent(["detail", "alarmName"], name));
      expect(result).toEqual({ ignored: `alarm ${name} ${why}` });
      expect(reconciler.calls).toEqual([]);
      expect(alarmTargets).not.toHaveBeenCalled();
    });
  });

  it.each([
    { name: "missing detail", path: ["detail"], value: REMOVE, field: "detail" },
    { name: "wrong detail-type", path: ["detail-type"], value: "Scheduled Event", field: "detail-type" },
    { name: "wrong source", path: ["source"], value: "aws.events", field: "source" },
    { name: "alarmName not a string", path: ["detail", "alarmName"], value: 42, field: "detail.alarmName" },
    {
      name: "unknown state",
      path: ["detail", "state", "value"],
      value: "BROKEN",
      field: "detail.state.value",
    },
    {
      name: "missing previousState",
      path: ["detail", "previousState"],
      value: REMOVE,
      field: "detail.previousState",
    },
    { name: "missing id", path: ["id"], value: REMOVE, field: "id" },
    { name: "a time that is not ISO 8601", path: ["time"], value: "yesterday", field: "time" },
  ])("rejects an event with $name, naming $field", async ({ path, value, field }) => {
    const { reconciler, invoke } = setup();
    const error = await invoke(alarmEvent(path, value)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadEventError);
    expect(error).toMatchObject({ code: "BadEvent", field });
    expect((error as Error).message).toContain(`${field}:`);
    expect(reconciler.calls).toEqual([]);
  });

  it("rejects a non-object event with a clear message", async () => {
    const { invoke } = setup();
    await expect(invoke("ALARM")).rejects.toThrow(
      /^Bad CloudWatch Alarm State Change event: event: expected object/,
    );
  });

  it("keys its log lines by target id and request id, and forgets them on the next invocation", async () => {
    const { handler, context } = setup();
    const first = await captureOutput(() => handler(alarmEvent(), context));
    expect(first.lines.find((l) => l.message === "alarm event reconciled")).toMatchObject({
      targetId: TARGET_ID,
      alarmName: ALARM_NAME,
      eventId: fixture.id,
      function_request_id: context.awsRequestId,
      outcomes: { Successful: 1 },
    });
    const second = await captureOutput(() =>
      handler(alarmEvent(["detail", "state", "value"], "OK"), context),
    );
    const ignored = second.lines.find((l) => l.message === "alarm event ignored");
    expect(ignored).toBeDefined();
    expect(ignored).not.toHaveProperty("targetId");
  });

  it("lets a failed reconcile fail the invocation, unchanged", async () => {
    const { reconciler, invoke } = setup();
    const failure = new Error("throttled");
    reconciler.failNext(failure);
    await expect(invoke(alarmEvent())).rejects.toBe(failure);
  });

  it.each([
    {
      status: "Failed",
      error: { code: "Throttled", message: "ecs:UpdateService throttled" },
      code: "Throttled",
    },
    { status: "Skipped", error: undefined, code: "DeadlineReached" },
  ] as const)(
    "fails the invocation when its target is $status, naming it and $code",
    async ({ status, error, code }) => {
      const { reconciler, invoke } = setup();
      reconciler.outcomes = [{ ...outcome(TARGET_ID, status), ...(error && { error }) }];
      const failure = await invoke(alarmEvent()).catch((caught: unknown) => caught);
      expect(failure).toBeInstanceOf(AlarmFailureError);
      expect(failure).toMatchObject({
        code: "AlarmFailed",
        eventId: fixture.id,
        targets: [{ targetId: TARGET_ID, status, code }],
        message: `alarm event ${fixture.id} not reconciled: ${TARGET_ID} ${status} (${code})`,
      });
    },
  );

  it("succeeds when it lost the target to a concurrent invocation: that one acted", async () => {
    const { reconciler, invoke } = setup();
    reconciler.outcomes = [outcome(TARGET_ID, "Conflict")];
    expect(await invoke(alarmEvent())).toMatchObject({ outcomes: { Conflict: 1 } });
  });

  it("logs a failed target once, as the error it throws, keyed by target and event, and counts it", async () => {
    const { reconciler, handler, context } = setup();
    reconciler.outcomes = [
      { ...outcome(TARGET_ID, "Failed"), error: { code: "Throttled", message: "slow down" } },
    ];
    const { lines } = await captureOutput(() =>
      handler(alarmEvent(), context).catch((caught: unknown) => caught),
    );
    const errors = lines.filter((line) => line.level === "ERROR");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      message: "invocation failed",
      targetId: TARGET_ID,
      eventId: fixture.id,
      error: {
        name: "AlarmFailureError",
        message: expect.stringContaining(`${TARGET_ID} Failed (Throttled)`),
      },
    });
    expect(lines.some((line) => line.message === "alarm event reconciled")).toBe(false);
    expect(lines.find((line) => "_aws" in line)).toMatchObject({ AlarmEventsFailed: 1 });
  });
});

interface RedeliveryOptions {
  /** A quiet pass first, as a tick would have made: the target's state exists before the alarm. */
  ticked?: boolean;
  ecs?: (port: EcsPort) => EcsPort;
  reconciler?: (inner: Reconciler) => Reconciler;
}

/**
 * The alarm handler over the real reconciler, a simulated account and the in-memory store: a step policy on the
 * fixture's alarm, with a backlog over its threshold. `ecs` and `reconciler` wrap the real ones, to fail an attempt.
 */
async function redeliveryWorld(options: RedeliveryOptions = {}) {
  const world = simWorld([{ name: "worker", initialDesired: 1 }], options.ecs ? { ecs: options.ecs } : {});
  const [service] = world.services as [NonNullable<(typeof world.services)[0]>];
  const clock = world.deps.clock;
  const handler = createAlarmHandler({
    ...createQuietObservability("gantry-test", "SILENT"),
    reconciler: options.reconciler ? options.reconciler(world.reconciler) : world.reconciler,
    clock,
    alarmTargets: async () => new Map([[ALARM_NAME, service.id]]),
  });
  const deliver = () => handler(alarmEvent(), lambdaContext({ remainingMs: 30_000, now: () => clock.now() }));
  await world.store.putConfig(configOf(stepConfig(service)), 0);
  if (options.ticked) await world.reconciler.reconcile({ deadline: world.deadline() });
  world.account.send(service.queueUrl, 50);
  return { world, service, deliver };
}

/** An ECS port whose next UpdateService is throttled without changing anything. */
function throttleNextUpdate(port: EcsPort): EcsPort {
  let throttle = true;
  return {
    ...port,
    setDesiredCount: async (id, count) => {
      if (!throttle) return port.setDesiredCount(id, count);
      throttle = false;
      throw new ThrottledError("ecs:UpdateService throttled");
    },
  };
}

describe("a redelivered alarm event (Lambda's retry of a failed invocation)", () => {
  it.each([
    { failure: "the target could not be read", options: {}, readFails: true },
    {
      failure: "UpdateService was throttled and the claimed state put back",
      options: { ticked: true, ecs: throttleNextUpdate },
      readFails: false,
    },
  ])("applies the step once on the retry when, at first, $failure", async ({ options, readFails }) => {
    const { world, service, deliver } = await redeliveryWorld(options);
    if (readFails) world.store.failNext("getTarget", new ThrottledError("dynamodb:GetItem throttled"));
    await expect(deliver()).rejects.toMatchObject({
      code: "AlarmFailed",
      targets: [{ targetId: service.id, status: "Failed", code: "Throttled" }],
    });
    expect(world.desired(service)).toBe(1);
    expect(await deliver()).toMatchObject({ outcomes: { Successful: 1 } });
    expect(world.desired(service)).toBe(3);
    expect(world.updates).toEqual([[service.id, 3]]);
  });

  it("does not apply the step again when the first attempt failed after applying it", async () => {
    const diedAfterThePass = new Error("Task timed out after 30.00 seconds");
    let attempts = 0;
    const { world, service, deliver } = await redeliveryWorld({
      reconciler: (inner) => ({
        reconcile: async (options) => {
          const summary = await inner.reconcile(options);
          if (++attempts === 1) throw diedAfterThePass;
          return summary;
        },
      }),
    });
    await expect(deliver()).rejects.toBe(diedAfterThePass);
    expect(world.updates).toEqual([[service.id, 3]]);
    expect(await deliver()).toMatchObject({ outcomes: { Unchanged: 1 } });
    expect(world.updates).toEqual([[service.id, 3]]);
    expect((await world.store.getTarget(service.id))?.lastDecision?.reasons).toContainEqual(
      expect.objectContaining({ code: "DuplicateEvent" }),
    );
  });
});
