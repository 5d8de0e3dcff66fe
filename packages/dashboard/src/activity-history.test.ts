import { describe, expect, it } from "vitest";
import { ActivityHistory, loadActivities, merge } from "./activity-history.ts";
import type { Activity, ActivityPage } from "./api-types.ts";
import { makeActivity } from "./test-fixtures.ts";

/** A paged log like the route's: newest first, `size` per page, the cursor an index. */
function pagedLog(log: () => Activity[], size: number) {
  const calls: (string | undefined)[] = [];
  const fetchPage = async (cursor: string | undefined): Promise<ActivityPage> => {
    calls.push(cursor);
    const start = cursor === undefined ? 0 : Number(cursor);
    const items = log().slice(start, start + size);
    const next = start + size < log().length ? { nextCursor: String(start + size) } : {};
    return { items, ...next };
  };
  return { fetchPage, calls };
}

/** Activities every 10 s from t=0 to t=990 s, newest first. */
const hundred = () => Array.from({ length: 100 }, (_, i) => makeActivity((99 - i) * 10_000));

describe("activity history", () => {
  it("pages back until the range's start, not just the newest page", async () => {
    const log = pagedLog(hundred, 20);
    const loaded = await loadActivities(log.fetchPage, 500_000);
    expect(loaded.items.at(-1)?.startTime).toBeLessThan(500_000);
    expect(loaded.items.filter((a) => a.startTime >= 500_000)).toHaveLength(50);
    expect(log.calls).toEqual([undefined, "20", "40"]);
    expect(loaded.truncatedAt).toBeUndefined();
  });

  it("always has the newest page, even when it is older than the range", async () => {
    const loaded = await loadActivities(pagedLog(hundred, 20).fetchPage, 5_000_000);
    expect(loaded.items).toHaveLength(20);
  });

  it("a refresh fetches only the newest page and keeps the rest; an updated activity replaces its copy", async () => {
    let items = hundred();
    const log = pagedLog(() => items, 20);
    const history = new ActivityHistory(log.fetchPage);
    await history.load(0);
    expect(log.calls).toHaveLength(5);
    const newest = items[0] as Activity;
    items = [makeActivity(1_000_000), { ...newest, count: 3 }, ...items.slice(1)];
    const again = await history.load(10_000);
    expect(log.calls).toHaveLength(6);
    expect(again.items).toHaveLength(101);
    expect(again.items[1]?.count).toBe(3);
    expect(new Set(again.items.map((a) => a.activityId)).size).toBe(101);
  });

  it("a wider range starts over", async () => {
    const log = pagedLog(hundred, 20);
    const history = new ActivityHistory(log.fetchPage);
    await history.load(900_000);
    const calls = log.calls.length;
    const wider = await history.load(0);
    expect(log.calls.length - calls).toBe(5);
    expect(wider.items).toHaveLength(100);
  });

  it("merge keeps the fresh copy and the older known ones, newest first", () => {
    const [a, b, c] = [makeActivity(3), makeActivity(2), makeActivity(1)] as [Activity, Activity, Activity];
    expect(merge([{ ...b, count: 2 }], [b, c])).toEqual([{ ...b, count: 2 }, c]);
    expect(merge([a, b], [b, c])).toEqual([a, b, c]);
    expect(merge([], [b])).toEqual([b]);
  });
});
