// No two controllers (issue K): a service Application Auto Scaling still scales is held, unless its target
// takes it over; an AAS outage neither stops the fleet nor passes silently.
import type { ApplicationAutoScalingPort, EcsPort, ServiceSnapshot, TargetConfigInput } from "@gantry/core";
import { VirtualClock } from "@gantry/testing";
import { configOf } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";
import { MemoryStateStore, RecordingEventsPort } from "./local-stack/index.ts";
import { createReconciler } from "./reconciler.ts";

const QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";
const ID = "service/prod/jobs";

function jobs(takeOver?: boolean): TargetConfigInput {
  return {
    target: { id: ID, minCapacity: 1, maxCapacity: 20, ...(takeOver !== undefined && { takeOver }) },
    policies: [
      {
        name: "backlog",
        type: "TargetTracking",
        targetValue: 10,
        metric: { sqs: { queueUrl: QUEUE } },
        evaluation: { periodSeconds: 15, scaleOutDatapoints: 1 },
      },
    ],
  };
}

async function passWith(config: TargetConfigInput, aas: ApplicationAutoScalingPort) {
  const clock = new VirtualClock(Date.UTC(2026, 0, 5, 12));
  const store = new MemoryStateStore(clock);
  const service: ServiceSnapshot = {
    id: ID,
    desiredCount: 2,
    runningCount: 2,
    pendingCount: 0,
    deploymentInProgress: false,
  };
  const updates: number[] = [];
  const ecs: EcsPort = {
    describeServices: async () => ({ services: [{ ...service }], missing: [], failed: [] }),
    setDesiredCount: async (_id, count) => {
      updates.push(count);
    },
  };
  const errors: string[] = [];
  const counted: string[] = [];
  const reconciler = createReconciler({
    store,
    ecs,
    metrics: { getMetricData: async () => ({}) },
    queues: { getQueueDepth: async () => ({ visible: 100, inFlight: 0, delayed: 0 }) },
    events: new RecordingEventsPort(),
    applicationAutoScaling: aas,
    clock,
    log: { info() {}, warn() {}, error: (message) => errors.push(message) },
    telemetry: { record: (name) => counted.push(name) },
  });
  await store.putConfig(configOf(config), 0);
  await reconciler.reconcile({ deadline: clock.now() + 60_000 });
  const stored = await store.getTarget(ID);
  return { updates, errors, counted, decision: stored?.lastDecision };
}

const registered: ApplicationAutoScalingPort = { registeredServices: async () => new Set([ID]) };

describe("a service still registered with Application Auto Scaling", () => {
  it("is not scaled, and its stored decision says why", async () => {
    const { updates, decision } = await passWith(jobs(), registered);
    expect(updates).toEqual([]);
    expect(decision?.action).toBe("None");
    expect(decision?.reasons[0]?.code).toBe("ManagedByApplicationAutoScaling");
    expect(decision?.reasons[0]?.message).toContain("would set 2 → 10");
  });

  it("is scaled when its target says takeOver: true", async () => {
    expect((await passWith(jobs(true), registered)).updates).toEqual([10]);
  });

  it("once deregistered, is scaled", async () => {
    const none: ApplicationAutoScalingPort = { registeredServices: async () => new Set() };
    expect((await passWith(jobs(), none)).updates).toEqual([10]);
  });

  it("when AAS cannot be read, the pass scales, and logs and counts the failure", async () => {
    const down: ApplicationAutoScalingPort = {
      registeredServices: async () => {
        throw new Error("AAS unavailable");
      },
    };
    const { updates, errors, counted } = await passWith(jobs(), down);
    expect(updates).toEqual([10]);
    expect(errors.some((e) => e.includes("Application Auto Scaling"))).toBe(true);
    expect(counted).toContain("ApplicationAutoScalingCheckFailures");
  });
});
