import { beforeEach, describe, expect, it, vi } from "vitest";
import type { TargetView } from "./api-types.ts";
import { makeView } from "./test-fixtures.ts";

const calls = { activities: [] as string[] };
let views: TargetView[] = [];

vi.mock("./api.ts", () => ({
  api: {
    listTargets: async () => ({ items: views, problems: [], stale: false }),
    listCapacity: async () => ({ items: [] }),
    listActivities: async (id: string) => {
      calls.activities.push(id);
      return { items: [] };
    },
    getSeries: async () => ({ targetId: "x", from: 0, to: 0, periodSeconds: 60, points: [] }),
  },
}));

const { FleetLoader } = await import("./fleet-data.ts");

/** A view as the API answers it at API time `at`, its item last written at `written`. */
function view(id: string, at: number, written: number): TargetView {
  const counts = { desiredCount: 2, runningCount: 2, pendingCount: 0, source: "ecs" as const, at };
  return { ...makeView({ id, counts }), updatedAt: written };
}

beforeEach(() => {
  calls.activities = [];
});

describe("the fleet page's loads", () => {
  it("fetch a target's activities again only after its item was written, or 30 s of API time", async () => {
    const loader = new FleetLoader();
    views = [view("service/demo/a", 0, 0), view("service/demo/b", 0, 0)];
    await loader.load();
    expect(calls.activities).toEqual(["service/demo/a", "service/demo/b"]);
    calls.activities = [];
    views = [view("service/demo/a", 5_000, 0), view("service/demo/b", 5_000, 4_000)];
    await loader.load(); // 5 s later: only b was written
    expect(calls.activities).toEqual(["service/demo/b"]);
    calls.activities = [];
    views = [view("service/demo/a", 30_000, 0), view("service/demo/b", 30_000, 4_000)];
    await loader.load(); // a was last fetched 30 s ago; b 25 s ago and unwritten since
    expect(calls.activities).toEqual(["service/demo/a"]);
  });
});
