import type { ClusterSnapshot, InstanceState } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { MemorySeriesStore } from "../local-stack/index.ts";
import { capacitySample } from "./capacity-sample.ts";
import { SeriesRecorder } from "./series-recorder.ts";

const instance = (id: string, over: Partial<InstanceState>): InstanceState => ({
  id,
  instanceType: "m6g.large",
  cpu: 2048,
  memory: 8192,
  launchTime: 0,
  protectedFromScaleIn: false,
  draining: false,
  tasks: [],
  lifecycle: "InService",
  ...over,
});

const snapshot = (instances: InstanceState[], groupDesired: number): ClusterSnapshot => ({
  instances,
  instanceShape: { cpu: 2048, memory: 8192 },
  groupDesired,
  groupMinSize: 0,
  groupMaxSize: 10,
  taskSizes: {},
});

describe("capacitySample", () => {
  it("counts a group's instances by state: in service, pending, draining (whatever their lifecycle), protected", () => {
    const sample = capacitySample(
      snapshot(
        [
          instance("a", {}),
          instance("b", { protectedFromScaleIn: true }),
          instance("c", { lifecycle: "Pending" }),
          instance("d", { draining: true, protectedFromScaleIn: true }),
          instance("e", { lifecycle: "Terminating" }),
        ],
        5,
      ),
      1_000,
    );
    expect(sample).toEqual({ at: 1_000, desired: 5, running: 2, pending: 1, draining: 1, protected: 2 });
  });

  it("a group's samples survive the recorder's pruning of gone targets, and a draining change is a move", async () => {
    const store = new MemorySeriesStore();
    const recorder = new SeriesRecorder(store);
    const log = { info() {}, warn() {}, error() {} };
    recorder.offer("capacity/workers", {
      at: 0,
      desired: 2,
      running: 2,
      pending: 0,
      draining: 0,
      protected: 0,
    });
    recorder.keepOnly(new Set(["service/prod/web"]));
    recorder.offer("capacity/workers", {
      at: 15_000,
      desired: 2,
      running: 2,
      pending: 0,
      draining: 0,
      protected: 0,
    });
    recorder.offer("capacity/workers", {
      at: 30_000,
      desired: 2,
      running: 2,
      pending: 0,
      draining: 1,
      protected: 0,
    });
    await recorder.flush(0, "all", log, undefined);
    const kept = await store.readSamples("capacity/workers", { from: 0, to: 60_000 });
    expect(kept.map((s) => s.at)).toEqual([0, 30_000]);
  });
});
