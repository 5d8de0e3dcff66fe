import { describe, expect, it } from "vitest";
import { Ec2Cluster } from "../cluster/ec2-cluster.ts";
import { createSimClusterCapacityPort } from "../cluster/sim-capacity-port.ts";
import { DesiredHistory } from "./desired-history.ts";
import { SimAccount } from "./sim-account.ts";

describe("the account's history of desired counts", () => {
  it("records every UpdateService it applied, with the time and the caller", () => {
    let caller = "tick#1";
    const history = new DesiredHistory(() => caller);
    const account = new SimAccount({ startMs: 60_000, history: history as DesiredHistory<unknown> });
    const service = account.addService({ name: "web", initialDesired: 2 });
    account.setDesiredCount(service.id, 5);
    account.advance(1_000);
    caller = "alarm#2";
    account.setDesiredCount(service.id, 5);
    expect(() => account.setDesiredCount("service/sim/none", 1)).toThrow();
    expect(history.changes).toEqual([
      { resource: service.id, action: "UpdateService", from: 2, to: 5, at: 60_000, caller: "tick#1" },
      { resource: service.id, action: "UpdateService", from: 5, to: 5, at: 61_000, caller: "alarm#2" },
    ]);
  });

  it("records the group's desired capacity as SetDesiredCapacity and terminations change it", async () => {
    const history = new DesiredHistory(() => "tick#1");
    const cluster = new Ec2Cluster({
      instanceShape: { cpu: 4096, memory: 8192 },
      taskSizes: {},
      initialInstances: 2,
      terminateDrainedWhenEmpty: false,
    });
    const clock = { now: () => 0 };
    const port = createSimClusterCapacityPort({
      cluster,
      clock,
      groupName: "workers",
      clusterName: "sim",
      history: history as DesiredHistory<unknown>,
    });
    const capacity = { mode: "asg", name: "workers" } as Parameters<typeof port.setDesiredInstances>[0];
    await port.setDesiredInstances(capacity, 4);
    const [newest] = cluster.instances.slice(-1);
    await port.terminate(capacity, [newest?.id ?? ""]);
    expect(history.changes.map(({ action, from, to }) => ({ action, from, to }))).toEqual([
      { action: "SetDesiredCapacity", from: 2, to: 4 },
      { action: "TerminateInstances", from: 4, to: 3 },
    ]);
  });
});
