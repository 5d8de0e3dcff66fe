// GetMetricData answers, but not every query: one query comes back with StatusCode Forbidden on every call, one
// with InternalError every other minute. The real CloudWatch adapter leaves only those queries out; their
// targets then have no data (no scaling on missing data, never a scale-in), and the third target decides as usual.
import type { MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { describe, expect, it } from "vitest";
import { faultWorld, MINUTE, START } from "../support/fault-world.ts";
import { scenarioFigures } from "./support/figures.ts";
import { busyService } from "./support/fleet.ts";
import { runScenario } from "./support/run-scenario.ts";

const MINUTES = 16;

function queueOf(query: MetricDataQuery): string | undefined {
  return query.MetricStat?.Metric?.Dimensions?.find((d) => d.Name === "QueueName")?.Value;
}

/** Target tracking on the queue's visible messages, from CloudWatch (20 a task). */
function visibleConfig(id: string, queueName: string) {
  return {
    target: { id, minCapacity: 1, maxCapacity: 20 },
    policies: [
      {
        name: "visible",
        type: "TargetTracking" as const,
        targetValue: 20,
        metric: {
          cloudwatch: {
            namespace: "AWS/SQS",
            metricName: "ApproximateNumberOfMessagesVisible",
            dimensions: [{ name: "QueueName", value: queueName }],
            statistic: "Average",
          },
        },
        evaluation: { scaleOutDatapoints: 2, scaleInDatapoints: 3 },
        scaleInCooldown: 0,
      },
    ],
  };
}

async function scenario(faulty: boolean) {
  const world = faultWorld({
    services: ["forbidden", "flaky", "healthy"].map((name) => ({
      ...busyService(name, MINUTES, 600),
      cloudwatchDelaySeconds: 60,
      initialDesired: 3,
    })),
    latencyMs: 100,
    metricStatus(query) {
      if (!faulty) return undefined;
      if (queueOf(query) === "forbidden") return "Forbidden";
      const odd = Math.floor((world.account.now() - START) / MINUTE) % 2 === 1;
      return queueOf(query) === "flaky" && odd ? "InternalError" : undefined;
    },
    faultyTargets: ["service/sim/forbidden", "service/sim/flaky"],
  });
  for (const s of world.services) await world.register(visibleConfig(s.id, s.queueName));
  await runScenario(world, { minutes: MINUTES, settleMinutes: 0 });
  return world;
}

describe("partial GetMetricData errors", () => {
  it("leave only their own targets without data", async ({ task }) => {
    const world = await scenario(true);
    const figures = await scenarioFigures("GetMetricData: 1 query Forbidden, 1 InternalError", world);
    task.meta.faultFigures = figures;

    const changes = (name: string) =>
      world.history.changes.filter((c) => c.resource === `service/sim/${name}`);
    expect(changes("forbidden")).toEqual([]);
    expect(changes("healthy").length).toBeGreaterThan(1);
    // The healthy target makes the same changes, in the same 15 s sub-tick, as when no query fails.
    const baseline = await scenario(false);
    const healthy = (w: typeof world) =>
      w.history.changes
        .filter((c) => c.resource === "service/sim/healthy")
        .map(({ to, at }) => ({ to, slot: Math.floor((at - START) / 15_000) }));
    expect(healthy(world)).toEqual(healthy(baseline));
    // The flaky query's data comes back every other minute: enough to scale, never a scale-in on a gap.
    expect(changes("flaky").length).toBeGreaterThan(0);
    const decided = world.passes.flatMap((p) => p.summary.outcomes).filter((o) => o.status === "Failed");
    expect(decided).toEqual([]);
    expect(figures.lostActivityRecords).toBe(0);
    expect(figures.otherTargetsAffected).toBe(0);
  });
});
