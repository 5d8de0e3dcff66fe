import { describe, expect, it } from "vitest";
import { HEADROOM_SERVICE, withHeadroom } from "./headroom.ts";
import { config, instance, LONG_AGO, NOW, plan, reason, SHAPE, service, tasks } from "./test-support.ts";

const UNNEEDED_LONG_AGO = { unneededSince: { "i-1": LONG_AGO, "i-2": LONG_AGO, "i-3": LONG_AGO } };
const settled = { version: 1 as const, ...UNNEEDED_LONG_AGO };

describe("planCapacity: headroom kept for the next scale-out", () => {
  it("launches when the free room drops below headroomTasks, and says why", () => {
    const result = plan({
      config: config({ headroomTasks: 2 }),
      services: [service("web", 7)],
      instances: [instance("i-1", tasks(4)), instance("i-2", tasks(3))],
    });
    expect(result).toMatchObject({ desiredInstances: 3, step: 1, action: "ScaleOut" });
    expect(reason(result, "CapacityNeeded")).toBe(
      "7 tasks and room for 2 more tasks need 3 instances; 2 usable instances: launching 1",
    );
  });

  it("holds when the free room already covers it, on instances in service or still launching", () => {
    const launching = instance("i-2", [], { lifecycle: "Pending", launchTime: NOW - 30_000 });
    for (const instances of [
      [instance("i-1", tasks(4)), instance("i-2", tasks(2))],
      [instance("i-1", tasks(4)), launching],
    ]) {
      const running = instances.flatMap((i) => i.tasks).length;
      const result = plan({
        config: config({ headroomTasks: 2 }),
        services: [service("web", running)],
        instances,
      });
      expect(result).toMatchObject({ step: 0, action: "None" });
    }
  });

  it("reports ECS's reservation for the real tasks only", () => {
    const result = plan({
      config: config({ headroomTasks: 4 }),
      services: [service("web", 4)],
      instances: [instance("i-1", tasks(4))],
    });
    expect(result).toMatchObject({ step: 1, reservation: 100 });
  });

  it("scale-in never drains the headroom away", () => {
    // 3 instances, 6 tasks: packing needs 2, but one more task would find no room on those 2.
    const instances = [instance("i-1", tasks(4)), instance("i-2", tasks(2)), instance("i-3", [])];
    const withRoom = plan({
      config: config({ headroomTasks: 3 }),
      services: [service("web", 6)],
      instances,
      state: settled,
    });
    expect(withRoom.drain).toEqual([]);
    const without = plan({ services: [service("web", 6)], instances, state: settled });
    expect(without.drain).toEqual(["i-3"]);
  });

  it("scaleInHeadroomTasks is a band: no drain that would leave less than it, no launch above headroomTasks", () => {
    const instances = [instance("i-1", tasks(4)), instance("i-2", tasks(2)), instance("i-3", [])];
    const banded = config({ headroomTasks: 1, scaleInHeadroomTasks: 3 });
    const held = plan({ config: banded, services: [service("web", 6)], instances, state: settled });
    expect(held).toMatchObject({ step: 0, drain: [] });
    expect(reason(held, "HeadroomKept")).toBe(
      "scale-in keeps room for 3 more tasks: with it, 3 instances needed",
    );
    const drained = plan({
      config: config({ headroomTasks: 1, scaleInHeadroomTasks: 2 }),
      services: [service("web", 6)],
      instances,
      state: settled,
    });
    expect(drained).toMatchObject({ step: -1, drain: ["i-3"] });
  });
});

describe("withHeadroom", () => {
  it("adds room the size of the largest managed task that fits one instance", () => {
    const services = [
      service("small", 1),
      service("large", 1, { task: { cpu: 2048, memory: 4096, hostPorts: [80] } }),
      service("huge", 1, { task: { cpu: SHAPE.cpu * 2, memory: 1024, hostPorts: [] } }),
    ];
    const headroom = withHeadroom(services, 2, SHAPE).at(-1);
    expect(headroom).toMatchObject({
      serviceId: HEADROOM_SERVICE,
      desiredCount: 2,
      runningCount: 0,
      scalingOut: false,
      task: { cpu: 2048, memory: 4096, hostPorts: [] },
    });
  });

  it("adds nothing without headroom or without a service to size it from", () => {
    expect(withHeadroom([service("web", 3)], 0, SHAPE)).toHaveLength(1);
    expect(withHeadroom([], 5, SHAPE)).toEqual([]);
  });
});
