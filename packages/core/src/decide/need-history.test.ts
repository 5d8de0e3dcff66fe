import { describe, expect, it } from "vitest";
import { NEED_BUCKET_MS, NEED_BUCKETS } from "../model/need-history.ts";
import { recordNeed } from "./need-history.ts";

const T = 1_800_000_000_000; // on a bucket boundary

describe("the need history", () => {
  it("keeps the highest need per 15-second bucket", () => {
    const first = recordNeed(undefined, T, 3);
    const same = recordNeed(first, T + 5_000, 5);
    const lower = recordNeed(same, T + 10_000, 2);
    expect(lower).toEqual({ at: T, levels: [5] });
    expect(recordNeed(lower, T + NEED_BUCKET_MS, 1)).toEqual({ at: T + NEED_BUCKET_MS, levels: [5, 1] });
  });

  it("repeats the last level over missed buckets and stays bounded", () => {
    const first = recordNeed(undefined, T, 4);
    expect(recordNeed(first, T + 3 * NEED_BUCKET_MS, 7).levels).toEqual([4, 4, 4, 7]);
    let history = first;
    for (let i = 1; i <= NEED_BUCKETS + 10; i++) history = recordNeed(history, T + i * NEED_BUCKET_MS, i);
    expect(history.levels).toHaveLength(NEED_BUCKETS);
    expect(history.levels.at(-1)).toBe(NEED_BUCKETS + 10);
  });

  it("starts afresh after a gap longer than the history, or a clock going back", () => {
    const first = recordNeed(undefined, T, 4);
    expect(recordNeed(first, T + (NEED_BUCKETS + 1) * NEED_BUCKET_MS, 2).levels).toEqual([2]);
    expect(recordNeed(first, T - NEED_BUCKET_MS, 2)).toEqual({ at: T - NEED_BUCKET_MS, levels: [2] });
  });
});
