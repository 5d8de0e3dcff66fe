import { GantryError, NotFoundError, type StateStore, sdkErrorCode } from "@gantry/core";
import { configOf, simWorld, stepConfig, workerConfig } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";
import { PENDING_GRACE_MS } from "./apply/pending-change.ts";
import { createReconciler } from "./reconciler.ts";

type World = ReturnType<typeof simWorld>;
type Service = World["services"][number];

/** ECS's answer was lost after it committed: a 5xx (as the SDK reports it) after the desired count moved. */
function serverErrorAfterCommit(): GantryError {
  const error = new GantryError(
    sdkErrorCode("ServerException"),
    "ecs:UpdateService failed: ServerException: internal error",
  );
  error.cause = { name: "ServerException", $metadata: { httpStatusCode: 500, attempts: 1 } };
  return error;
}

/** A step world whose UpdateService misbehaves as `mode` says, for the first `times` calls. */
function faultyStepWorld(mode: "applied-then-error" | "timeout-unapplied", times = 1) {
  let left = times;
  const calls: number[] = [];
  const world = simWorld([{ name: "svc", initialDesired: 1 }], {
    ecs: (port) => ({
      describeServices: (ids) => port.describeServices(ids),
      setDesiredCount: async (id, count) => {
        calls.push(count);
        if (left-- <= 0) return port.setDesiredCount(id, count);
        if (mode === "applied-then-error") {
          await port.setDesiredCount(id, count);
          throw serverErrorAfterCommit();
        }
        throw Object.assign(new Error("socket hang up"), { name: "TimeoutError" });
      },
    }),
  });
  return { world, svc: world.services[0] as Service, calls };
}

async function pass(world: World) {
  return (await world.reconciler.reconcile({ deadline: world.deadline() })).outcomes[0];
}

describe("truthful outcomes: a write whose outcome is unknown is settled, never stepped twice", () => {
  it("UpdateService applied but its answer lost: InProgress, then Successful; 1 → 3, not 1 → 3 → 5", async () => {
    const { world, svc } = faultyStepWorld("applied-then-error");
    await world.store.putConfig(configOf(stepConfig(svc)), 0);
    world.account.send(svc.queueUrl, 50);

    expect(await pass(world)).toMatchObject({ status: "Unknown", action: "ScaleOut", toCapacity: 3 });
    expect(world.store.activitiesOf(svc.id)).toEqual([
      expect.objectContaining({
        status: "InProgress",
        statusMessage: expect.stringContaining("outcome is unknown"),
      }),
    ]);
    expect(world.desired(svc)).toBe(3);

    world.account.advance(15_000);
    await pass(world);
    world.account.advance(15_000);
    await pass(world);

    expect(world.desired(svc)).toBe(3);
    expect(world.updates).toEqual([[svc.id, 3]]);
    const activities = world.store.activitiesOf(svc.id);
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({ status: "Successful", fromCapacity: 1, toCapacity: 3 });
    expect((await world.store.getTarget(svc.id))?.state?.pending).toBeUndefined();
  });

  it("a timeout that did not take effect is settled Failed, and the same datapoint is not stepped again", async () => {
    const { world, svc, calls } = faultyStepWorld("timeout-unapplied");
    await world.store.putConfig(configOf(stepConfig(svc)), 0);
    world.account.send(svc.queueUrl, 50);

    expect(await pass(world)).toMatchObject({ status: "Unknown" });
    world.account.advance(1_000); // the same live period: the step stays marked applied
    await pass(world);

    const [activity] = world.store.activitiesOf(svc.id);
    expect(activity).toMatchObject({ status: "Failed", toCapacity: 3 });
    expect(activity?.statusMessage).toBe("UpdateService did not take effect: desiredCount is 1, not 3");
    expect(calls).toEqual([3]);
    expect(world.desired(svc)).toBe(1);
  });

  it("a change whose activity write failed (DynamoDB down) is recorded by a later pass, not lost", async () => {
    const world = simWorld([{ name: "svc", initialDesired: 1 }]);
    const svc = world.services[0] as Service;
    await world.store.putConfig(configOf(workerConfig(svc)), 0);
    world.account.send(svc.queueUrl, 40);
    world.store.failNext(
      "putActivity",
      new GantryError("DynamoDbFailed", "dynamodb:PutItem failed: unavailable"),
    );

    expect(await pass(world)).toMatchObject({ status: "Successful", error: { code: "DynamoDbFailed" } });
    expect(world.store.activitiesOf(svc.id)).toEqual([]);
    expect((await world.store.getTarget(svc.id))?.state?.pending).toMatchObject({ toCapacity: 4 });

    // Within the grace another invocation may still be applying it: the target is left alone.
    world.account.advance(15_000);
    expect(await pass(world)).toMatchObject({ status: "Conflict" });
    world.account.advance(PENDING_GRACE_MS);
    await pass(world);

    const [first] = world.store.activitiesOf(svc.id);
    expect(first).toMatchObject({ status: "Successful", fromCapacity: 1, toCapacity: 4 });
    expect(world.updates[0]).toEqual([svc.id, 4]);
    expect(world.updates.filter(([, count]) => count > 4)).toEqual([]);
  });

  it("a pass cut right after its claim is settled Failed by a later pass, which then decides afresh", async () => {
    const world = simWorld([{ name: "svc", initialDesired: 1 }]);
    const svc = world.services[0] as Service;
    await world.store.putConfig(configOf(workerConfig(svc)), 0);
    world.account.send(svc.queueUrl, 400);
    // The invocation dies between the claim and UpdateService.
    const store = world.store;
    const cut: StateStore = {
      listTargets: () => store.listTargets(),
      getTarget: (id) => store.getTarget(id),
      getRawTarget: (id) => store.getRawTarget(id),
      putConfig: (config, version) => store.putConfig(config, version),
      // The write lands, and the invocation never runs another line (its await never returns).
      putState: async (id, state, expected, decision) => {
        await store.putState(id, state, expected, decision);
        return new Promise<number>(() => {});
      },
      deleteTarget: (id, version) => store.deleteTarget(id, version),
      putActivity: (activity) => store.putActivity(activity),
      listActivities: (id, page) => store.listActivities(id, page),
    };
    void createReconciler({ ...world.deps, store: cut }).reconcile({ deadline: world.deadline() });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(world.updates).toEqual([]);

    world.account.advance(PENDING_GRACE_MS);
    expect(await pass(world)).toMatchObject({ status: "Successful", action: "ScaleOut" });
    expect(world.store.activitiesOf(svc.id).map((a) => [a.status, a.fromCapacity])).toEqual([
      ["Failed", 1],
      ["Successful", 1],
    ]);
    expect(world.store.activitiesOf(svc.id)[0]?.statusMessage).toMatch(/did not take effect/);
  });

  it("a first pass whose UpdateService certainly failed keeps nothing that assumed the step", async () => {
    let fail = true;
    const world = simWorld([{ name: "svc", initialDesired: 1 }], {
      ecs: (port) => ({
        describeServices: (ids) => port.describeServices(ids),
        setDesiredCount: async (id, count) => {
          if (fail) throw new NotFoundError("ecs:UpdateService failed: ServiceNotActiveException");
          await port.setDesiredCount(id, count);
        },
      }),
    });
    const svc = world.services[0] as Service;
    await world.store.putConfig(configOf(stepConfig(svc)), 0);
    world.account.send(svc.queueUrl, 50);
    expect(await pass(world)).toMatchObject({ status: "Failed" });
    expect((await world.store.getTarget(svc.id))?.state?.stepApplied).toEqual({});
    fail = false;
    world.account.advance(1_000);
    expect(await pass(world)).toMatchObject({ status: "Successful", toCapacity: 3 });
  });
});

describe("writes only on change, and one activity for a repeated failure", () => {
  it("a CloudWatch target in equilibrium writes its item once, not every pass", async () => {
    const world = simWorld([{ name: "web", initialDesired: 2, cloudwatchDelaySeconds: 0 }]);
    const svc = world.services[0] as Service;
    const config = configOf({
      target: { id: svc.id, minCapacity: 1, maxCapacity: 10 },
      policies: [
        {
          name: "cpu",
          type: "TargetTracking",
          targetValue: 1_000_000,
          metric: { predefined: "ECSServiceAverageCPUUtilization" },
          disableScaleIn: true,
        },
      ],
    });
    await world.store.putConfig(config, 0);
    for (let i = 0; i < 8; i++) {
      await pass(world);
      world.account.advance(15_000);
    }
    expect(world.store.fake.count("putState")).toBeLessThanOrEqual(2);
    expect((await world.store.getTarget(svc.id))?.lastDecision).toBeDefined();
  });

  it("a target that fails every pass for the same reason writes one activity with a count", async () => {
    const world = simWorld([{ name: "real", initialDesired: 1 }]);
    const real = world.services[0] as Service;
    await world.store.putConfig(configOf(workerConfig(real)), 0);
    await world.store.putConfig(
      configOf({
        ...workerConfig(real),
        target: { id: "service/sim/ghost", minCapacity: 1, maxCapacity: 3 },
      }),
      0,
    );
    const start = world.account.now();
    for (let i = 0; i < 6; i++) {
      await world.reconciler.reconcile({ deadline: world.deadline() });
      world.account.advance(15_000);
    }
    const activities = world.store.activitiesOf("service/sim/ghost");
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({ status: "Failed", count: 6, startTime: start });
    expect(activities[0]?.endTime).toBe(start + 5 * 15_000);
    // Published once, when it first happened.
    expect(world.events.activities.filter((a) => a.targetId === "service/sim/ghost")).toHaveLength(1);
  });
});

describe("a pending change whose settled activity cannot be written", () => {
  it("keeps the marker, fails the target, and records the activity once DynamoDB answers", async () => {
    const world = simWorld([{ name: "svc", initialDesired: 1 }]);
    const svc = world.services[0] as Service;
    await world.store.putConfig(configOf(workerConfig(svc)), 0);
    world.account.send(svc.queueUrl, 400);
    const down = () => new GantryError("DynamoDbFailed", "dynamodb:PutItem failed: unavailable");
    world.store.failNext("putActivity", down());
    await pass(world); // applied, activity lost, marker kept
    world.account.advance(PENDING_GRACE_MS);
    world.store.failNext("putActivity", down());
    expect(await pass(world)).toMatchObject({ status: "Failed", error: { code: "DynamoDbFailed" } });
    expect((await world.store.getTarget(svc.id))?.state?.pending).toMatchObject({ fromCapacity: 1 });
    world.account.advance(15_000);
    await pass(world);
    const [first] = world.store.activitiesOf(svc.id);
    expect(first).toMatchObject({ status: "Successful", fromCapacity: 1 });
  });
});
