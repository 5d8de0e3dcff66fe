import {
  type Datapoint,
  type EcsPort,
  type MetricQuery,
  type MetricsPort,
  NotFoundError,
  type PolicyInput,
  type QueuePort,
  type ServiceSnapshot,
  ThrottledError,
  ValidationError,
} from "@gantry/core";
import { configOf } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";
import { planObservation } from "./observation-plan.ts";
import { type ObservePorts, observe } from "./observe.ts";

const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);
const queueUrl = (name: string) => `https://sqs.us-east-1.amazonaws.com/000000000000/${name}`;

function cpuTarget(id: string) {
  const policy: PolicyInput = {
    name: "cpu",
    type: "TargetTracking",
    targetValue: 50,
    metric: { predefined: "ECSServiceAverageCPUUtilization" },
  };
  return configOf({ target: { id, minCapacity: 1, maxCapacity: 10 }, policies: [policy] });
}

function queueTarget(id: string, queue: string) {
  const policy: PolicyInput = {
    name: "backlog",
    type: "TargetTracking",
    targetValue: 10,
    metric: { sqs: { queueUrl: queueUrl(queue) } },
  };
  return configOf({ target: { id, minCapacity: 0, maxCapacity: 10 }, policies: [policy] });
}

function snapshot(id: string, desired = 2): ServiceSnapshot {
  return { id, desiredCount: desired, runningCount: desired, pendingCount: 0, deploymentInProgress: false };
}

function ecsWith(services: ServiceSnapshot[], calls: string[][] = []): EcsPort {
  return {
    describeServices: async (ids) => {
      calls.push([...ids]);
      const found = services.filter((s) => ids.includes(s.id));
      const missing = ids.filter((id) => !found.some((s) => s.id === id));
      return { services: found, missing, failed: [] };
    },
    setDesiredCount: async () => {},
  };
}

/** One datapoint per query per minute for the last 30 minutes, valued 40; `unanswered` ids are left out. */
function metricsAnswering(
  calls: MetricQuery[][] = [],
  reject?: (queries: readonly MetricQuery[]) => Error | undefined,
  unanswered: readonly string[] = [],
): MetricsPort {
  return {
    getMetricData: async (queries, range) => {
      calls.push([...queries]);
      const error = reject?.(queries);
      if (error) throw error;
      const points: Datapoint[] = [];
      for (let t = range.end - 30 * 60_000; t < range.end; t += 60_000)
        points.push({ timestamp: t, value: 40 });
      const answered = queries.filter((q) => q.returnData && !unanswered.includes(q.id));
      return Object.fromEntries(answered.map((q) => [q.id, points]));
    },
  };
}

const emptyQueues: QueuePort = { getQueueDepth: async () => ({ visible: 0, inFlight: 0, delayed: 0 }) };

function ports(partial: Partial<ObservePorts>): ObservePorts {
  return { ecs: ecsWith([]), metrics: metricsAnswering(), queues: emptyQueues, ...partial };
}

describe("observe", () => {
  it("describes every service in one call and fails only the target whose service is missing", async () => {
    const calls: string[][] = [];
    const plan = planObservation([cpuTarget("service/c/a"), cpuTarget("service/c/gone")], NOW);
    const result = await observe(plan, ports({ ecs: ecsWith([snapshot("service/c/a")], calls) }));
    expect(calls).toEqual([["service/c/a", "service/c/gone"]]);
    expect(result.get("service/c/a")).toMatchObject({
      ok: true,
      observation: { desiredCount: 2, runningCount: 2 },
    });
    expect(result.get("service/c/gone")).toMatchObject({ ok: false, error: { code: "NotFound" } });
  });

  it("fails every target when DescribeServices fails: nothing is known about any of them", async () => {
    const plan = planObservation([cpuTarget("service/c/a"), queueTarget("service/c/b", "b")], NOW);
    const ecs: EcsPort = {
      describeServices: async () => {
        throw new ThrottledError("ecs:DescribeServices throttled");
      },
      setDesiredCount: async () => {},
    };
    const result = await observe(plan, ports({ ecs }));
    expect([...result.values()].map((r) => !r.ok && r.error.message)).toEqual([
      "ecs:DescribeServices throttled",
      "ecs:DescribeServices throttled",
    ]);
  });

  it("fails only the targets ECS could not describe; the others observe normally", async () => {
    const configs = [
      cpuTarget("service/blue/a"),
      cpuTarget("service/ghost/b"),
      queueTarget("service/green/c", "c"),
    ];
    const plan = planObservation(configs, NOW);
    const gone = new NotFoundError("ECS cluster ghost does not exist");
    const ecs: EcsPort = {
      describeServices: async (ids) => ({
        services: [snapshot("service/blue/a"), snapshot("service/green/c", 3)],
        missing: [],
        failed: ids.filter((id) => id.startsWith("service/ghost/")).map((id) => ({ id, error: gone })),
      }),
      setDesiredCount: async () => {},
    };
    const result = await observe(plan, ports({ ecs }));
    expect(result.get("service/ghost/b")).toEqual({ ok: false, error: gone });
    expect(result.get("service/blue/a")).toMatchObject({
      ok: true,
      observation: { desiredCount: 2 },
      warnings: [],
    });
    expect(result.get("service/green/c")).toMatchObject({
      ok: true,
      observation: { desiredCount: 3 },
      warnings: [],
    });
  });

  it("warns only the owner of a query CloudWatch did not answer; its metric is missing, the others are read", async () => {
    const plan = planObservation([cpuTarget("service/c/a"), cpuTarget("service/c/b")], NOW);
    const calls: MetricQuery[][] = [];
    const [unanswered = ""] = plan.targets.get("service/c/b")?.outputIds ?? [];
    const result = await observe(
      plan,
      ports({
        ecs: ecsWith([snapshot("service/c/a"), snapshot("service/c/b")]),
        metrics: metricsAnswering(calls, undefined, [unanswered]),
      }),
    );
    expect(calls).toHaveLength(1);
    const a = result.get("service/c/a");
    const b = result.get("service/c/b");
    expect(a?.ok && a.observation.metrics.cpu).toHaveLength(22);
    expect(a?.ok && a.warnings).toEqual([]);
    expect(b).toMatchObject({ ok: true, observation: { metrics: {} } });
    expect(b?.ok && b.warnings).toEqual([expect.stringContaining(`"${unanswered}" was not answered`)]);
  });

  it("gives each policy its datapoints, trimmed to its own window", async () => {
    const plan = planObservation([cpuTarget("service/c/a")], NOW);
    const result = await observe(plan, ports({ ecs: ecsWith([snapshot("service/c/a")]) }));
    const observed = result.get("service/c/a");
    if (!observed?.ok) throw new Error("expected an observation");
    // 15 datapoints + 2 periods + 300 s: the last 22 minutes of the 30 returned.
    expect(observed.observation.metrics.cpu).toHaveLength(22);
    expect(observed.observation.metrics.cpu?.[0]?.timestamp).toBe(NOW - 22 * 60_000);
  });

  it("drops only the target whose query CloudWatch rejects, and asks again for the rest", async () => {
    const calls: MetricQuery[][] = [];
    const plan = planObservation([cpuTarget("service/c/a"), cpuTarget("service/c/b")], NOW);
    const reject = (queries: readonly MetricQuery[]) =>
      queries.some((q) => q.id === "t1_p0")
        ? new ValidationError('metric query "t1_p0" was rejected', "t1_p0")
        : undefined;
    const result = await observe(
      plan,
      ports({
        ecs: ecsWith([snapshot("service/c/a"), snapshot("service/c/b")]),
        metrics: metricsAnswering(calls, reject),
      }),
    );
    expect(calls.map((c) => c.map((q) => q.id))).toEqual([["t0_p0", "t1_p0"], ["t0_p0"]]);
    const a = result.get("service/c/a");
    const b = result.get("service/c/b");
    expect(a?.ok && a.observation.metrics.cpu).toHaveLength(22);
    expect(b).toMatchObject({ ok: true, observation: { metrics: {} } });
    expect(b?.ok && b.warnings).toEqual([expect.stringContaining("ValidationError")]);
  });

  it("leaves metrics absent (missing data, not zero) when GetMetricData fails; live targets are unaffected", async () => {
    const plan = planObservation([cpuTarget("service/c/a"), queueTarget("service/c/q", "q")], NOW);
    const metrics: MetricsPort = {
      getMetricData: async () => {
        throw new ThrottledError("cloudwatch:GetMetricData throttled");
      },
    };
    const queues: QueuePort = { getQueueDepth: async () => ({ visible: 7, inFlight: 1, delayed: 0 }) };
    const result = await observe(
      plan,
      ports({ ecs: ecsWith([snapshot("service/c/a"), snapshot("service/c/q")]), metrics, queues }),
    );
    expect(result.get("service/c/a")).toMatchObject({
      ok: true,
      observation: { metrics: {} },
      warnings: [expect.stringContaining("Throttled")],
    });
    expect(result.get("service/c/q")).toMatchObject({
      ok: true,
      observation: { queues: { [queueUrl("q")]: { visible: 7, inFlight: 1, delayed: 0 } } },
      warnings: [],
    });
  });

  it("reads each queue once with bounded concurrency; a failed read leaves that queue out", async () => {
    const configs = Array.from({ length: 20 }, (_, i) => queueTarget(`service/c/s${i}`, `q${i % 10}`));
    const plan = planObservation(configs, NOW);
    let inFlight = 0;
    let peak = 0;
    const reads: string[] = [];
    const queues: QueuePort = {
      getQueueDepth: async (url) => {
        reads.push(url);
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight--;
        if (url.endsWith("/q3")) throw new ThrottledError("sqs:GetQueueAttributes throttled");
        return { visible: 1, inFlight: 0, delayed: 0 };
      },
    };
    const ecs = ecsWith(configs.map((c) => snapshot(c.target.id)));
    const result = await observe(plan, ports({ ecs, queues }), { queueConcurrency: 3 });
    expect(reads).toHaveLength(10);
    expect(peak).toBe(3);
    const failed = result.get("service/c/s13");
    expect(failed).toMatchObject({ ok: true, observation: { queues: {} } });
    expect(failed?.ok && failed.warnings).toEqual([expect.stringContaining("q3 unread")]);
    // Only the two targets reading q3 (s3, s13) lack it; every other target read its queue, without warnings.
    const warned = [...result].filter(([, r]) => r.ok && r.warnings.length > 0).map(([id]) => id);
    expect(warned).toEqual(["service/c/s3", "service/c/s13"]);
    expect(result.get("service/c/s3")).toMatchObject({ ok: true, observation: { queues: {} } });
    expect(result.get("service/c/s4")).toMatchObject({
      ok: true,
      observation: { queues: { [queueUrl("q4")]: {} } },
    });
  });
});
