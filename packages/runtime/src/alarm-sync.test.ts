import {
  type AlarmPort,
  GantryError,
  type ManagedAlarm,
  NotFoundError,
  type PolicyInput,
  sdkErrorCode,
  type TargetConfigInput,
} from "@gantry/core";
import { backlog, cpuStep, ALARM_TEST_QUEUE as QUEUE } from "@gantry/testing";
import { configOf, simWorld, workerConfig } from "@gantry/testing/sim-fixture";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fnv1a64, MANAGED_ALARM_PREFIX, stableJson } from "./alarm-names.ts";
import { alarmTargets, desiredAlarms, syncAlarms } from "./alarm-sync.ts";
import { RecordingAlarmPort } from "./local-stack/recording-alarm-port.ts";
import { ALARM_RESYNC_MS } from "./pass-alarms.ts";

function config(
  id: string,
  policies: PolicyInput[],
  minCapacity = 0,
  extra: Partial<TargetConfigInput> = {},
) {
  return configOf({ target: { id, minCapacity, maxCapacity: 10 }, policies, ...extra });
}

const foreign: ManagedAlarm = {
  name: "team-cpu-high",
  namespace: "AWS/ECS",
  metricName: "CPUUtilization",
  dimensions: [],
  statistic: "Average",
  periodSeconds: 60,
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  threshold: 90,
  comparisonOperator: "GreaterThanThreshold",
  treatMissingData: "missing",
};

describe("desiredAlarms", () => {
  it("wakes a target that can sit at zero on its queue's first visible message", () => {
    const [wake] = desiredAlarms([config("service/prod/orders", [backlog])]);
    expect(wake?.targetId).toBe("service/prod/orders");
    expect(wake?.alarm).toEqual({
      name: expect.stringMatching(/^gantry-[0-9a-f]{12}-orders-wake$/),
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: [{ name: "QueueName", value: "orders-queue" }],
      statistic: "Maximum",
      periodSeconds: 60,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    });
  });

  it("has no wake alarm when the deployment turns them off (the tick reads the queues every few seconds)", () => {
    expect(desiredAlarms([config("service/prod/orders", [backlog])], undefined, { wake: false })).toEqual([]);
    expect(alarmTargets([config("service/prod/orders", [backlog])], "prod", { wake: false }).size).toBe(0);
  });

  it("needs no wake alarm above zero, unless the behavior scales to zero (with its activation threshold)", () => {
    expect(desiredAlarms([config("service/prod/orders", [backlog], 1)])).toEqual([]);
    const toZero = config("service/prod/orders", [backlog], 1, {
      behavior: { scaleToZero: { activationThreshold: 5 } },
    });
    expect(desiredAlarms([toZero])[0]?.alarm.threshold).toBe(5);
  });

  it("mirrors a step policy's alarm on a CloudWatch metric, and none for math or live metrics", () => {
    const math: PolicyInput = {
      ...cpuStep,
      name: "math-step",
      metric: {
        math: {
          expression: "a",
          metrics: [{ id: "a", cloudwatch: { namespace: "App", metricName: "X", statistic: "Sum" } }],
        },
      },
    };
    const live: PolicyInput = { ...cpuStep, name: "live-step", metric: { sqs: { queueUrl: QUEUE } } };
    const alarms = desiredAlarms([config("service/prod/api", [cpuStep, math, live], 1)]);
    expect(alarms.map((a) => a.alarm)).toEqual([
      {
        name: expect.stringMatching(/^gantry-[0-9a-f]{12}-api-cpu-step$/),
        namespace: "AWS/ECS",
        metricName: "CPUUtilization",
        dimensions: [
          { name: "ClusterName", value: "prod" },
          { name: "ServiceName", value: "api" },
        ],
        statistic: "Average",
        periodSeconds: 60,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        threshold: 70,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        treatMissingData: "missing",
      },
    ]);
  });

  it("names alarms by target, policy and definition: a changed threshold is a new name", () => {
    const name = (threshold: number) =>
      desiredAlarms([
        config("service/prod/api", [{ ...cpuStep, alarm: { ...cpuStep.alarm, threshold } }], 1),
      ])[0]?.alarm.name;
    expect(name(70)).toBe(name(70));
    expect(name(70)).not.toBe(name(80));
    const other = desiredAlarms([config("service/staging/api", [cpuStep], 1)])[0]?.alarm.name;
    expect(other).not.toBe(name(70));
  });

  it("puts a target tracking policy's scale-out alarm on a CloudWatch metric: above target for M of M", () => {
    const cpu: PolicyInput = {
      name: "cpu",
      type: "TargetTracking",
      targetValue: 60,
      metric: { predefined: "ECSServiceAverageCPUUtilization" },
      evaluation: { scaleOutDatapoints: 2 },
    };
    const [alarm] = desiredAlarms([config("service/prod/api", [cpu, backlog], 1)]).map((a) => a.alarm);
    expect(alarm).toEqual({
      name: expect.stringMatching(/^gantry-[0-9a-f]{12}-api-cpu-out$/),
      namespace: "AWS/ECS",
      metricName: "CPUUtilization",
      dimensions: [
        { name: "ClusterName", value: "prod" },
        { name: "ServiceName", value: "api" },
      ],
      statistic: "Average",
      periodSeconds: 60,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      threshold: 60,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "missing",
    });
  });

  it("maps alarm names back to their targets", () => {
    const configs = [config("service/prod/orders", [backlog]), config("service/prod/api", [cpuStep], 1)];
    const map = alarmTargets(configs);
    expect([...map.values()].sort()).toEqual(["service/prod/api", "service/prod/orders"]);
    for (const name of map.keys()) expect(name.startsWith(MANAGED_ALARM_PREFIX)).toBe(true);
  });
});

describe("syncAlarms", () => {
  const configs = [config("service/prod/orders", [backlog]), config("service/prod/api", [cpuStep], 1)];

  it("puts missing alarms, deletes orphans, leaves matching ones and never touches other names", async () => {
    const port = new RecordingAlarmPort();
    const [kept] = desiredAlarms(configs);
    if (!kept) throw new Error("expected alarms");
    port.seed(kept.alarm);
    port.seed({ ...foreign, name: "gantry-000000000000-old" });
    port.seed(foreign);

    const result = await syncAlarms(configs, port);

    expect(result.kept).toEqual([kept.alarm.name]);
    expect(result.created).toHaveLength(1);
    expect(result.deleted).toEqual(["gantry-000000000000-old"]);
    expect(result.failed).toEqual([]);
    expect(port.calls.map((c) => c.method)).toEqual(["listAlarmNames", "putAlarm", "deleteAlarms"]);
    expect([...port.alarms.keys()].sort()).toEqual([...alarmTargets(configs).keys(), "team-cpu-high"].sort());
  });

  it("is a single list call when everything matches", async () => {
    const port = new RecordingAlarmPort();
    await syncAlarms(configs, port);
    port.calls.length = 0;
    const result = await syncAlarms(configs, port);
    expect(result.created).toEqual([]);
    expect(result.deleted).toEqual([]);
    expect(port.calls.map((c) => c.method)).toEqual(["listAlarmNames"]);
  });

  it("reports the targets whose every alarm is in place, and puts none past its deadline", async () => {
    const port = new RecordingAlarmPort();
    let now = 0;
    const slow: AlarmPort = {
      ...port,
      listAlarmNames: (prefix) => port.listAlarmNames(prefix),
      deleteAlarms: (names) => port.deleteAlarms(names),
      putAlarm: async (alarm) => {
        now += 1_000;
        await port.putAlarm(alarm);
      },
    };
    const first = await syncAlarms(configs, slow, undefined, { deadline: { at: 500, now: () => now } });
    expect(first.created).toHaveLength(1);
    expect(first.failed).toEqual([]);
    expect(first.covered).toEqual(["service/prod/orders"]);
    const second = await syncAlarms(configs, slow, undefined, { deadline: { at: 5_000, now: () => now } });
    expect(second.created).toHaveLength(1);
    expect(second.covered).toEqual(["service/prod/orders", "service/prod/api"]);
  });

  it("keeps going past an alarm that cannot be put, and reports it", async () => {
    const port = new RecordingAlarmPort();
    port.failNext(
      "putAlarm",
      new GantryError(sdkErrorCode("LimitExceeded"), "cloudwatch:PutMetricAlarm: too many alarms"),
    );
    const result = await syncAlarms(configs, port);
    expect(result.failed).toEqual([expect.objectContaining({ code: "LimitExceeded" })]);
    expect(result.created).toHaveLength(1);
  });

  it("deletes the other orphans when one cannot be deleted, and reports only that one", async () => {
    const port = new RecordingAlarmPort();
    const orphans = ["gantry-000000000001-a", "gantry-000000000002-b", "gantry-000000000003-c"];
    for (const name of orphans) port.seed({ ...foreign, name });
    const stuck: AlarmPort = {
      putAlarm: (alarm) => port.putAlarm(alarm),
      listAlarmNames: (prefix) => port.listAlarmNames(prefix),
      deleteAlarms: async (names) => {
        if (names.includes("gantry-000000000002-b"))
          throw new GantryError(sdkErrorCode("AccessDenied"), "not allowed");
        await port.deleteAlarms(names);
      },
    };
    const result = await syncAlarms(configs, stuck);
    expect(result.deleted.sort()).toEqual(["gantry-000000000001-a", "gantry-000000000003-c"]);
    expect(result.failed).toEqual([
      expect.objectContaining({ name: "gantry-000000000002-b", code: "AccessDenied" }),
    ]);
    expect([...port.alarms.keys()]).toContain("gantry-000000000002-b");
    expect([...port.alarms.keys()]).not.toContain("gantry-000000000001-a");
  });

  it("counts an orphan that is already gone as deleted", async () => {
    const port = new RecordingAlarmPort();
    port.seed({ ...foreign, name: "gantry-000000000001-a" });
    port.failNext("deleteAlarms", new NotFoundError("cloudwatch:DeleteAlarms: ResourceNotFound"));
    const result = await syncAlarms([], port);
    expect(result).toMatchObject({ deleted: ["gantry-000000000001-a"], failed: [] });
  });

  it("deletes every managed alarm when no target needs one", async () => {
    const port = new RecordingAlarmPort();
    await syncAlarms(configs, port);
    await syncAlarms([], port);
    expect([...port.alarms.keys()]).toEqual([]);
  });
});

describe("alarm names", () => {
  it("hashes with FNV-1a (64-bit test vectors) over key-sorted JSON", () => {
    expect(fnv1a64("").toString(16)).toBe("cbf29ce484222325");
    expect(fnv1a64("a").toString(16)).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar").toString(16)).toBe("85944171f73967e8");
    expect(stableJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });

  it("hashes as FNV-1a over BigInt does, for any text", () => {
    const reference = (text: string) => {
      let hash = 0xcbf29ce484222325n;
      for (const byte of new TextEncoder().encode(text)) {
        hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & ((1n << 64n) - 1n);
      }
      return hash;
    };
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => fnv1a64(text) === reference(text)),
    );
  });
});

describe("alarm sync in a reconcile pass", () => {
  it("runs on full passes only, unless the caller skips it", async () => {
    const world = simWorld([{ name: "zero" }], { alarms: true });
    const [svc] = world.services as [NonNullable<(typeof world.services)[0]>];
    await world.store.putConfig(configOf(workerConfig(svc, { minCapacity: 0 })), 0);

    await world.reconciler.reconcile({ deadline: world.deadline(), targetIds: [svc.id] });
    expect(world.alarms.calls).toEqual([]);
    await world.reconciler.reconcile({ deadline: world.deadline(), syncAlarms: false });
    expect(world.alarms.calls).toEqual([]);

    await world.reconciler.reconcile({ deadline: world.deadline() });
    expect([...world.alarms.alarms.keys()]).toEqual([
      expect.stringMatching(/^gantry-[0-9a-f]{12}-zero-wake$/),
    ]);
    expect(world.metric("AlarmsCreated")).toBe(1);
  });

  it("lists alarms again only when a target or config version changed, or after a quarter of an hour", async () => {
    const world = simWorld([{ name: "zero" }], { alarms: true });
    const [svc] = world.services as [NonNullable<(typeof world.services)[0]>];
    await world.store.putConfig(configOf(workerConfig(svc, { minCapacity: 0 })), 0);
    const lists = () => world.alarms.calls.filter((c) => c.method === "listAlarmNames").length;
    await world.reconciler.reconcile({ deadline: world.deadline() });
    await world.reconciler.reconcile({ deadline: world.deadline() });
    expect(lists()).toBe(1);
    await world.store.putConfig(configOf(workerConfig(svc, { minCapacity: 0, maxCapacity: 9 })), 1);
    await world.reconciler.reconcile({ deadline: world.deadline() });
    expect(lists()).toBe(2);
    world.account.advance(ALARM_RESYNC_MS);
    await world.reconciler.reconcile({ deadline: world.deadline() });
    expect(lists()).toBe(3);
  });
});
