import {
  ConflictError,
  type EcsPort,
  GantryError,
  type MetricsPort,
  type QueuePort,
  type StateStore,
  sdkErrorCode,
  ThrottledError,
} from "@gantry/core";
import type { SimService } from "@gantry/sim";
import { configOf, START, simWorld, stepConfig, workerConfig } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";
import { createReconciler } from "./reconciler.ts";

describe("a reconcile pass over the simulated account", () => {
  it("scales a busy worker out: state, lastDecision and an activity are written, and published", async () => {
    const world = simWorld([{ name: "worker", initialDesired: 2 }]);
    const [worker] = world.services as [NonNullable<(typeof world.services)[0]>];
    await world.store.putConfig(configOf(workerConfig(worker)), 0);
    world.account.send(worker.queueUrl, 100);

    const summary = await world.reconciler.reconcile({ deadline: world.deadline() });

    expect(summary.outcomes).toEqual([
      {
        targetId: worker.id,
        status: "Successful",
        action: "ScaleOut",
        fromCapacity: 2,
        toCapacity: 10,
        activityId: "2026-01-05T12:00:00.000Z#r0",
      },
    ]);
    expect(world.desired(worker)).toBe(10);
    const record = await world.store.getTarget(worker.id);
    // The claim (with the pending change) and the write that clears it once recorded; the config's version is
    // the user's and never moves.
    expect(record).toMatchObject({ version: 1, stateVersion: 2 });
    expect(record?.state?.pending).toBeUndefined();
    expect(record?.state?.evaluatedAt).toBe(START);
    expect(record?.lastDecision).toMatchObject({
      at: START,
      action: "ScaleOut",
      desiredCapacity: 10,
      observed: { desiredCount: 2, runningCount: 2 },
      dryRun: false,
    });
    const [activity] = world.store.activitiesOf(worker.id);
    expect(activity).toMatchObject({
      status: "Successful",
      action: "ScaleOut",
      fromCapacity: 2,
      toCapacity: 10,
      dryRun: false,
      cause: "schedule",
      startTime: START,
    });
    expect(activity?.reasons.map((r) => r.code)).toContain("TargetTrackingScaleOut");
    expect(world.events.published).toEqual([[activity]]);
    expect(world.metric("ScaleOuts")).toBe(1);
    expect(world.metric("Decisions")).toBe(1);
  });

  it("saves a no-op decision as lastDecision without an activity", async () => {
    const world = simWorld([{ name: "idle", initialDesired: 1 }]);
    const [idle] = world.services as [NonNullable<(typeof world.services)[0]>];
    await world.store.putConfig(configOf(workerConfig(idle)), 0);
    const summary = await world.reconciler.reconcile({ deadline: world.deadline() });
    expect(summary.outcomes[0]).toMatchObject({ status: "Unchanged", action: "None", fromCapacity: 1 });
    expect((await world.store.getTarget(idle.id))?.lastDecision?.action).toBe("None");
    expect(world.store.activitiesOf(idle.id)).toEqual([]);
    expect(world.events.published).toEqual([]);
  });

  it("records a dry-run target's decision but never changes its desired count", async () => {
    const world = simWorld([{ name: "dry", initialDesired: 1 }]);
    const [dry] = world.services as [NonNullable<(typeof world.services)[0]>];
    await world.store.putConfig(configOf(workerConfig(dry, { dryRun: true })), 0);
    world.account.send(dry.queueUrl, 50);

    const summary = await world.reconciler.reconcile({ deadline: world.deadline() });

    expect(summary.outcomes[0]).toMatchObject({ status: "DryRun", action: "ScaleOut", toCapacity: 5 });
    expect(world.desired(dry)).toBe(1);
    expect(world.updates).toEqual([]);
    expect(world.store.activitiesOf(dry.id)).toEqual([
      expect.objectContaining({ status: "Successful", dryRun: true, statusMessage: "dry run: not applied" }),
    ]);
    expect((await world.store.getTarget(dry.id))?.lastDecision).toMatchObject({
      dryRun: true,
      desiredCapacity: 5,
    });
  });

  it("fails a target whose service does not exist, alone, while the others scale", async () => {
    const world = simWorld([
      { name: "a", initialDesired: 1 },
      { name: "b", initialDesired: 1 },
    ]);
    const [a, b] = world.services as [
      NonNullable<(typeof world.services)[0]>,
      NonNullable<(typeof world.services)[0]>,
    ];
    const ghost = configOf({
      ...workerConfig(a),
      target: { id: "service/sim/ghost", minCapacity: 1, maxCapacity: 5 },
    });
    for (const config of [configOf(workerConfig(a)), ghost, configOf(workerConfig(b))]) {
      await world.store.putConfig(config, 0);
    }
    world.account.send(a.queueUrl, 30);
    world.account.send(b.queueUrl, 40);

    const summary = await world.reconciler.reconcile({ deadline: world.deadline() });

    const byId = Object.fromEntries(summary.outcomes.map((o) => [o.targetId, o]));
    expect(byId[a.id]).toMatchObject({ status: "Successful", toCapacity: 3 });
    expect(byId[b.id]).toMatchObject({ status: "Successful", toCapacity: 4 });
    expect(byId["service/sim/ghost"]).toMatchObject({
      status: "Failed",
      error: { code: "NotFound", message: "ECS service service/sim/ghost does not exist" },
    });
    expect(world.store.activitiesOf("service/sim/ghost")).toEqual([
      expect.objectContaining({
        status: "Failed",
        action: "None",
        statusMessage: expect.stringContaining("NotFound"),
      }),
    ]);
    expect(world.events.activities.map((x) => [x.targetId, x.status])).toEqual([
      [a.id, "Successful"],
      [b.id, "Successful"],
      ["service/sim/ghost", "Failed"],
    ]);
    expect(world.metric("Failures")).toBe(1);
    expect(world.logs.some((l) => l.level === "error" && l.fields?.targetId === "service/sim/ghost")).toBe(
      true,
    );
  });

  it("leaves the others deciding when one target's cluster is gone and another's query goes unanswered", async () => {
    // CloudWatch answers the "cw-denied" query Forbidden: the port leaves it out of its answer, alone.
    const forbidden = (port: MetricsPort): MetricsPort => ({
      getMetricData: async (queries, range) => {
        const denied = queries.filter((q) => q.stat?.dimensions.some((d) => d.value === "cw-denied"));
        const series = await port.getMetricData(queries, range);
        for (const query of denied) delete series[query.id];
        return series;
      },
    });
    const cwSpec = { initialDesired: 1, cloudwatchDelaySeconds: 0, wakeDelaySeconds: 0 };
    const world = simWorld(
      [
        { name: "worker", initialDesired: 1 },
        { name: "cw-denied", ...cwSpec },
        { name: "cw-ok", ...cwSpec },
      ],
      { metrics: forbidden },
    );
    const [worker, denied, ok] = world.services as [SimService, SimService, SimService];
    const ghost = configOf({
      ...workerConfig(worker),
      target: { id: "service/ghost/api", minCapacity: 1, maxCapacity: 5 },
    });
    for (const config of [
      configOf(workerConfig(worker)),
      ghost,
      cloudWatchStep(denied),
      cloudWatchStep(ok),
    ]) {
      await world.store.putConfig(config, 0);
    }
    for (const service of [denied, ok]) world.account.send(service.queueUrl, 500, 3600);
    world.account.advance(3 * 60_000);
    world.account.send(worker.queueUrl, 30);

    const summary = await world.reconciler.reconcile({ deadline: world.deadline() });

    const byId = Object.fromEntries(summary.outcomes.map((o) => [o.targetId, o]));
    expect(byId["service/ghost/api"]).toMatchObject({
      status: "Failed",
      error: { code: "NotFound", message: expect.stringContaining("ECS cluster ghost does not exist") },
    });
    expect(byId[worker.id]).toMatchObject({ status: "Successful", action: "ScaleOut" });
    expect(byId[ok.id]).toMatchObject({ status: "Successful", action: "ScaleOut", toCapacity: 2 });
    expect(byId[denied.id]).toMatchObject({ status: "Unchanged", action: "None" });
    const warned = world.logs.filter((l) => l.level === "warn" && l.message === "observation incomplete");
    expect(warned.map((l) => l.fields?.targetId)).toEqual([denied.id]);
    expect(world.metric("Failures")).toBe(1);
  });

  it("skips every target, observing and applying nothing, when the deadline has passed", async () => {
    const world = simWorld([{ name: "late", initialDesired: 1 }]);
    const [late] = world.services as [NonNullable<(typeof world.services)[0]>];
    await world.store.putConfig(configOf(workerConfig(late)), 0);
    world.account.send(late.queueUrl, 100);

    const summary = await world.reconciler.reconcile({ deadline: START - 1 });

    expect(summary.outcomes).toEqual([
      { targetId: late.id, status: "Skipped", action: "None", fromCapacity: 0, toCapacity: 0 },
    ]);
    expect(world.updates).toEqual([]);
    expect(world.store.fake.count("putState")).toBe(0);
    expect(world.events.published).toEqual([]);
    expect(world.metric("Skipped")).toBe(1);
  });

  it("stops starting targets once the safety margin before the deadline is reached", async () => {
    const names = ["t1", "t2", "t3"];
    // Each UpdateService takes 10 virtual seconds; the deadline leaves room for one.
    let account: { advance(ms: number): void } | undefined;
    const slowEcs = (port: EcsPort): EcsPort => ({
      describeServices: (ids) => port.describeServices(ids),
      setDesiredCount: async (id, count) => {
        await port.setDesiredCount(id, count);
        account?.advance(10_000);
      },
    });
    const world = simWorld(
      names.map((name) => ({ name, initialDesired: 1 })),
      { ecs: slowEcs },
    );
    account = world.account;
    for (const service of world.services) {
      await world.store.putConfig(configOf(workerConfig(service)), 0);
      world.account.send(service.queueUrl, 30);
    }

    const summary = await world.reconciler.reconcile({
      deadline: START + 12_000,
      safetyMs: 2_000,
      targetConcurrency: 1,
    });

    expect(summary.outcomes.map((o) => o.status)).toEqual(["Successful", "Skipped", "Skipped"]);
    expect(summary.outcomes[1]).toMatchObject({ fromCapacity: 1, toCapacity: 1 });
    expect(world.updates).toHaveLength(1);
  });

  it("treats a failed queue read as missing data: that target does not scale in, the others scale", async () => {
    let failing = true;
    const world = simWorld(
      [
        { name: "busy", initialDesired: 1 },
        { name: "quiet", initialDesired: 3 },
      ],
      {
        queues: (port: QueuePort): QueuePort => ({
          getQueueDepth: async (url) => {
            if (failing && url.endsWith("/quiet"))
              throw new ThrottledError("sqs:GetQueueAttributes throttled");
            return port.getQueueDepth(url);
          },
        }),
      },
    );
    const [busy, quiet] = world.services as [
      NonNullable<(typeof world.services)[0]>,
      NonNullable<(typeof world.services)[0]>,
    ];
    await world.store.putConfig(configOf(workerConfig(busy)), 0);
    await world.store.putConfig(configOf(workerConfig(quiet)), 0);
    world.account.send(busy.queueUrl, 25);

    const first = await world.reconciler.reconcile({ deadline: world.deadline() });

    expect(first.outcomes.map((o) => [o.targetId, o.status, o.toCapacity])).toEqual([
      [busy.id, "Successful", 3],
      [quiet.id, "Unchanged", 3],
    ]);
    const held = await world.store.getTarget(quiet.id);
    expect(held?.lastDecision?.reasons.map((r) => r.code)).toContain("InsufficientData");
    expect(world.logs).toContainEqual(
      expect.objectContaining({ level: "warn", fields: expect.objectContaining({ targetId: quiet.id }) }),
    );

    // The same target with its queue readable: the empty queue does scale it in.
    failing = false;
    world.account.advance(60_000);
    const second = await world.reconciler.reconcile({ deadline: world.deadline() });
    expect(second.outcomes.find((o) => o.targetId === quiet.id)).toMatchObject({
      status: "Successful",
      action: "ScaleIn",
      toCapacity: 1,
    });
  });

  it("reads CloudWatch-backed step policies through the batched metric query", async () => {
    const world = simWorld([
      { name: "cw", initialDesired: 1, cloudwatchDelaySeconds: 0, wakeDelaySeconds: 0 },
    ]);
    const [cw] = world.services as [NonNullable<(typeof world.services)[0]>];
    const config = configOf({
      target: { id: cw.id, minCapacity: 1, maxCapacity: 10 },
      policies: [
        {
          name: "visible",
          type: "StepScaling",
          metric: {
            cloudwatch: {
              namespace: "AWS/SQS",
              metricName: "ApproximateNumberOfMessagesVisible",
              dimensions: [{ name: "QueueName", value: "cw" }],
              statistic: "Maximum",
            },
          },
          alarm: { threshold: 20, comparisonOperator: "GreaterThanThreshold" },
          adjustmentType: "ChangeInCapacity",
          stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 1 }],
        },
      ],
    });
    await world.store.putConfig(config, 0);
    world.account.send(cw.queueUrl, 500, 3600);
    world.account.advance(3 * 60_000);

    const summary = await world.reconciler.reconcile({ deadline: world.deadline() });

    expect(summary.outcomes[0]).toMatchObject({ status: "Successful", action: "ScaleOut", toCapacity: 2 });
    const [activity] = world.store.activitiesOf(cw.id);
    expect(activity?.reasons.map((r) => r.code)).toContain("StepScalingAdjustment");
  });

  it("reports a failed publish without failing the targets", async () => {
    const world = simWorld([{ name: "pub", initialDesired: 1 }]);
    const [pub] = world.services as [NonNullable<(typeof world.services)[0]>];
    await world.store.putConfig(configOf(workerConfig(pub)), 0);
    world.account.send(pub.queueUrl, 30);
    world.events.failNext(new GantryError(sdkErrorCode("EventBridgeFailed"), "events:PutEvents failed"));

    const summary = await world.reconciler.reconcile({ deadline: world.deadline() });

    expect(summary.outcomes[0]?.status).toBe("Successful");
    expect(world.metric("ActivityPublishFailures")).toBe(1);
    expect(world.logs).toContainEqual(
      expect.objectContaining({ level: "error", message: "publishing activities failed" }),
    );
  });

  it("keeps a scale that happened Successful when its activity cannot be stored, and still publishes it", async () => {
    const world = simWorld([{ name: "log", initialDesired: 1 }]);
    const [svc] = world.services as [NonNullable<(typeof world.services)[0]>];
    await world.store.putConfig(configOf(workerConfig(svc)), 0);
    world.account.send(svc.queueUrl, 30);
    world.store.failNext("putActivity", new ThrottledError("dynamodb:PutItem throttled"));

    const summary = await world.reconciler.reconcile({ deadline: world.deadline() });

    expect(summary.outcomes[0]).toMatchObject({
      status: "Successful",
      toCapacity: 3,
      error: { code: "Throttled" },
    });
    expect(world.events.activities).toHaveLength(1);
  });

  it("names the alarm event as the cause and reconciles only the named targets", async () => {
    const world = simWorld([
      { name: "x", initialDesired: 1 },
      { name: "y", initialDesired: 1 },
    ]);
    const [x, y] = world.services as [
      NonNullable<(typeof world.services)[0]>,
      NonNullable<(typeof world.services)[0]>,
    ];
    await world.store.putConfig(configOf(workerConfig(x)), 0);
    await world.store.putConfig(configOf(workerConfig(y)), 0);
    world.account.send(x.queueUrl, 30);
    world.account.send(y.queueUrl, 30);

    const summary = await world.reconciler.reconcile({
      deadline: world.deadline(),
      targetIds: [x.id, "service/sim/gone"],
      trigger: { type: "alarm", eventId: "ev-1" },
    });

    expect(summary.outcomes.map((o) => [o.targetId, o.status])).toEqual([
      [x.id, "Successful"],
      ["service/sim/gone", "Failed"],
    ]);
    expect(world.desired(y)).toBe(1);
    expect(world.store.activitiesOf(x.id)[0]?.cause).toBe("alarm:ev-1");
    expect((await world.store.getTarget(x.id))?.state?.eventIds).toEqual(["ev-1"]);
  });
});

describe("conditional state writes", () => {
  it("lets only one of two concurrent passes apply a step: the desired count moves by one step", async () => {
    const world = simWorld([{ name: "race", initialDesired: 1 }]);
    const [race] = world.services as [NonNullable<(typeof world.services)[0]>];
    await world.store.putConfig(configOf(stepConfig(race)), 0);
    world.account.send(race.queueUrl, 50);
    const other = simWorldTwin(world);

    const [first, second] = await Promise.all([
      world.reconciler.reconcile({ deadline: world.deadline() }),
      other.reconcile({ deadline: world.deadline() }),
    ]);

    expect(world.desired(race)).toBe(3); // 1 + 2 once, not 1 + 2 + 2
    expect(world.updates).toEqual([[race.id, 3]]);
    expect(world.store.conflicts).toBeGreaterThanOrEqual(1);
    const outcomes = [first.outcomes[0], second.outcomes[0]];
    const winner = outcomes.find((o) => o?.status === "Successful");
    const loser = outcomes.find((o) => o !== winner);
    expect(winner).toMatchObject({ status: "Successful", action: "ScaleOut", toCapacity: 3 });
    // The loser decided again from the winner's state: the step for this period is marked applied, and the
    // winner's change is still pending, so the loser leaves the target alone.
    expect(loser).toMatchObject({ status: "Conflict", action: "None" });
    expect(world.store.activitiesOf(race.id).filter((a) => a.status === "Successful")).toHaveLength(1);
  });

  it("stops a pass that read the target before another pass acted from stepping again", async () => {
    const world = simWorld([{ name: "stale", initialDesired: 1 }]);
    const [svc] = world.services as [NonNullable<(typeof world.services)[0]>];
    await world.store.putConfig(configOf(stepConfig(svc)), 0);
    world.account.send(svc.queueUrl, 50);
    // B lists the targets (version 1), then waits until A has decided, claimed and applied; only then does B
    // observe: ECS already shows A's 3 tasks, so without the conditional write B would step 3 → 5.
    let aDone: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      aDone = resolve;
    });
    const store = world.store;
    const staleStore: StateStore = {
      listTargets: async () => {
        const records = await store.listTargets();
        await gate;
        return records;
      },
      getTarget: (id) => store.getTarget(id),
      getRawTarget: (id) => store.getRawTarget(id),
      putConfig: (config, version) => store.putConfig(config, version),
      putState: (id, state, version, decision) => store.putState(id, state, version, decision),
      deleteTarget: (id, version) => store.deleteTarget(id, version),
      putActivity: (activity) => store.putActivity(activity),
      listActivities: (id, page) => store.listActivities(id, page),
    };
    const b = createReconciler({ ...world.deps, store: staleStore });
    const bPass = b.reconcile({ deadline: world.deadline() });
    const aPass = await world.reconciler.reconcile({ deadline: world.deadline() });
    aDone();
    const bOutcome = (await bPass).outcomes[0];

    expect(aPass.outcomes[0]).toMatchObject({ status: "Successful", toCapacity: 3 });
    expect(bOutcome).toMatchObject({ status: "Unchanged", action: "None", fromCapacity: 3, toCapacity: 3 });
    expect(world.desired(svc)).toBe(3);
    expect(world.updates).toEqual([[svc.id, 3]]);
    expect(store.conflicts).toBe(1);
    const decision = (await store.getTarget(svc.id))?.lastDecision;
    expect(decision?.reasons.map((r) => r.code)).toContain("StepAlreadyApplied");
  });

  it("re-reads, re-observes and decides again after one lost write, then applies", async () => {
    const world = simWorld([{ name: "retry", initialDesired: 1 }]);
    const [svc] = world.services as [NonNullable<(typeof world.services)[0]>];
    await world.store.putConfig(configOf(workerConfig(svc)), 0);
    world.account.send(svc.queueUrl, 40);
    world.store.failNext("putState", new ConflictError("injected"));

    const summary = await world.reconciler.reconcile({ deadline: world.deadline() });

    expect(summary.outcomes[0]).toMatchObject({ status: "Successful", toCapacity: 4 });
    expect(world.store.fake.count("putState")).toBe(3); // lost, claimed, pending marker cleared
    expect(world.store.fake.count("getTarget")).toBe(1);
    expect(world.updates).toEqual([[svc.id, 4]]);
  });

  it("gives way after losing twice: Conflict, an Overridden activity, nothing applied", async () => {
    const world = simWorld([{ name: "lose", initialDesired: 1 }]);
    const [svc] = world.services as [NonNullable<(typeof world.services)[0]>];
    await world.store.putConfig(configOf(workerConfig(svc)), 0);
    world.account.send(svc.queueUrl, 40);
    world.store.failNext("putState", new ConflictError("injected"));
    world.store.failNext("putState", new ConflictError("injected again"));

    const summary = await world.reconciler.reconcile({ deadline: world.deadline() });

    expect(summary.outcomes[0]).toMatchObject({
      status: "Conflict",
      action: "ScaleOut",
      error: { code: "Conflict" },
    });
    expect(world.updates).toEqual([]);
    expect(world.store.activitiesOf(svc.id)).toEqual([
      expect.objectContaining({
        status: "Overridden",
        statusMessage: expect.stringContaining("another invocation"),
      }),
    ]);
    expect(world.metric("Conflicts")).toBe(1);
  });

  it("restores the state when UpdateService fails, so the next pass applies the change", async () => {
    let failures = 1;
    const world = simWorld([{ name: "flaky", initialDesired: 1 }], {
      ecs: (port) => ({
        describeServices: (ids) => port.describeServices(ids),
        setDesiredCount: async (id, count) => {
          if (failures-- > 0) throw new ThrottledError("ecs:UpdateService throttled");
          await port.setDesiredCount(id, count);
        },
      }),
    });
    const [svc] = world.services as [NonNullable<(typeof world.services)[0]>];
    await world.store.putConfig(configOf(stepConfig(svc)), 0);
    await world.reconciler.reconcile({ deadline: world.deadline() }); // a first state, no change
    const before = await world.store.getTarget(svc.id);
    world.account.send(svc.queueUrl, 50);

    const failed = await world.reconciler.reconcile({ deadline: world.deadline() });

    expect(failed.outcomes[0]).toMatchObject({
      status: "Failed",
      action: "ScaleOut",
      error: { code: "Throttled" },
    });
    const [activity] = world.store.activitiesOf(svc.id);
    expect(activity).toMatchObject({ status: "Failed", toCapacity: 3 });
    expect(activity?.statusMessage).toMatch(/^UpdateService failed: Throttled: .*state restored/);
    expect((await world.store.getTarget(svc.id))?.state).toEqual(before?.state);

    const retried = await world.reconciler.reconcile({ deadline: world.deadline() });
    expect(retried.outcomes[0]).toMatchObject({ status: "Successful", toCapacity: 3 });
    expect(world.desired(svc)).toBe(3);
  });
});

/** A second reconciler over the same account and store: another invocation of the tick. */
function simWorldTwin(world: ReturnType<typeof simWorld>) {
  let n = 0;
  return createReconciler({ ...world.deps, randomId: () => `twin${n++}` });
}

/** A step policy on the service's queue depth as CloudWatch reports it: one task more above 20 messages. */
function cloudWatchStep(service: SimService) {
  return configOf({
    target: { id: service.id, minCapacity: 1, maxCapacity: 10 },
    policies: [
      {
        name: "visible",
        type: "StepScaling",
        metric: {
          cloudwatch: {
            namespace: "AWS/SQS",
            metricName: "ApproximateNumberOfMessagesVisible",
            dimensions: [{ name: "QueueName", value: service.queueName }],
            statistic: "Maximum",
          },
        },
        alarm: { threshold: 20, comparisonOperator: "GreaterThanThreshold" },
        adjustmentType: "ChangeInCapacity",
        stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 1 }],
      },
    ],
  });
}
