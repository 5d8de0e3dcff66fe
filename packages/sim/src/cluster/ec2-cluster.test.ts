import { describe, expect, it } from "vitest";
import { Ec2Cluster } from "./ec2-cluster.ts";

const SHAPE = { cpu: 4096, memory: 8192 };
const TASK = { cpu: 1024, memory: 2048 };
const MIN = 60_000;

function cluster(initialInstances = 0): Ec2Cluster {
  return new Ec2Cluster({
    instanceShape: SHAPE,
    taskSizes: { a: TASK, b: { cpu: 2048, memory: 1024 } },
    initialInstances,
  });
}

describe("Ec2Cluster", () => {
  it("launches instances that take tasks only after launchSeconds (default 180)", () => {
    const c = cluster();
    expect(c.setDesiredInstances(1, 0)).toBe(1);
    expect(c.snapshot(0)[0]?.lifecycle).toBe("Pending");
    expect(c.tryPlace("a", 179_999)).toBe(false);
    expect(c.tryPlace("a", 180_000)).toBe(true);
    expect(c.snapshot(180_000)[0]).toMatchObject({ lifecycle: "InService", tasks: [{ serviceId: "a" }] });
  });

  it("refuses a task with no room until another instance is in service", () => {
    const c = cluster(1);
    for (let k = 0; k < 4; k++) expect(c.tryPlace("a", 0)).toBe(true);
    expect(c.tryPlace("a", 0)).toBe(false);
    c.setDesiredInstances(2, 0);
    expect(c.tryPlace("a", 3 * MIN - 1)).toBe(false);
    expect(c.tryPlace("a", 3 * MIN)).toBe(true);
  });

  it("binpacks: the instance with the least remaining CPU that fits", () => {
    const c = cluster(3);
    c.tryPlace("b", 0); // i-0001: 2048 left
    c.tryPlace("a", 0); // fullest fitting is i-0001 again: 1024 left
    expect(c.snapshot(0).map((i) => i.tasks.length)).toEqual([2, 0, 0]);
    c.tryPlace("b", 0); // 2048 does not fit in 1024: the next instance
    expect(c.snapshot(0).map((i) => i.tasks.length)).toEqual([2, 1, 0]);
  });

  it("stops tasks on the instance left with the most room (ECS binpack scale-in)", () => {
    const c = cluster(2);
    for (let k = 0; k < 5; k++) c.tryPlace("a", 0);
    expect(c.snapshot(0).map((i) => i.tasks.length)).toEqual([4, 1]);
    c.release("a", 0);
    expect(c.snapshot(0).map((i) => i.tasks.length)).toEqual([4, 0]);
  });

  it("a drained instance takes no task, moves its tasks where there is room and terminates when empty", () => {
    const c = cluster(2);
    for (let k = 0; k < 6; k++) c.tryPlace("a", 0); // 4 + 2
    c.drain(["i-0002"], 0);
    expect(c.usableCount()).toBe(1);
    expect(c.tryPlace("a", 0)).toBe(false);
    c.tick(1000); // no room on i-0001: the tasks stay
    expect(c.instances).toHaveLength(2);
    c.release("a", 2000); // from the draining instance first
    c.release("a", 3000); // its last task: it terminates
    expect(c.instances.map((i) => i.id)).toEqual(["i-0001"]);
    expect(c.misplaced).toBe(0);
  });

  it("tick moves a draining instance's tasks to free room", () => {
    const c = cluster(2);
    c.tryPlace("a", 0);
    c.tryPlace("a", 0);
    c.drain(["i-0001"], 0);
    c.tick(1000);
    expect(c.instances.map((i) => [i.id, i.taskCount])).toEqual([["i-0002", 2]]);
  });

  it("scale-in terminates only empty instances, launching ones first", () => {
    const c = cluster(2);
    c.tryPlace("a", 0);
    c.setDesiredInstances(3, 0);
    expect(c.setDesiredInstances(0, 1000)).toBe(1);
    expect(c.instances.map((i) => i.id)).toEqual(["i-0001"]);
  });

  it("counts instance-seconds from launch to termination", () => {
    const c = cluster();
    c.setDesiredInstances(2, 0);
    c.setDesiredInstances(1, 100_000);
    expect(c.instanceSeconds(200_000)).toBe(100 + 200);
  });

  it("never picks an instance protected from scale-in when the count is lowered", () => {
    const c = cluster(3);
    c.setProtection(["i-0003"], true);
    expect(c.setDesiredInstances(0, 0)).toBe(1);
    expect(c.snapshot(0)).toMatchObject([{ id: "i-0003", protectedFromScaleIn: true }]);
    c.setProtection(["i-0003"], false);
    expect(c.setDesiredInstances(0, 0)).toBe(0);
  });

  it("keeps a drained, empty instance until terminate names it, when told to", () => {
    const c = new Ec2Cluster({
      instanceShape: SHAPE,
      taskSizes: { a: TASK },
      initialInstances: 2,
      terminateDrainedWhenEmpty: false,
    });
    c.tryPlace("a", 0);
    c.drain(["i-0001", "i-0002"], 0);
    c.release("a", 1000);
    c.tick(2000);
    expect(c.snapshot(2000).map((i) => [i.id, i.draining, i.tasks.length])).toEqual([
      ["i-0001", true, 0],
      ["i-0002", true, 0],
    ]);
    c.terminate(["i-0001"], 3000);
    expect(c.instances.map((i) => i.id)).toEqual(["i-0002"]);
    expect(c.instanceSeconds(3000)).toBe(3 + 3);
  });

  it("refuses to terminate an instance with tasks, or one that is gone, and then terminates none", () => {
    const c = cluster(2);
    c.tryPlace("a", 0);
    expect(() => c.terminate(["i-0002", "i-0001"], 0)).toThrow(/still runs 1 task/);
    expect(() => c.terminate(["i-0002", "i-0009"], 0)).toThrow(expect.objectContaining({ code: "NotFound" }));
    expect(c.instances).toHaveLength(2);
  });
});
