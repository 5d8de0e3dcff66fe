import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue } from "./event-queue.ts";

describe("EventQueue", () => {
  it("pops by time, equal times in push order", () => {
    const q = new EventQueue();
    q.push(5, 1);
    q.push(1, 2);
    q.push(5, 3);
    q.push(3, 4);
    const out: number[] = [];
    while (q.size > 0) out.push(q.pop());
    expect(out).toEqual([2, 4, 1, 3]);
    expect(q.peekTime()).toBe(Number.POSITIVE_INFINITY);
  });

  it("matches a stable sort for any pushes and pops", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), (times) => {
        const q = new EventQueue();
        times.forEach((t, id) => {
          q.push(t, id);
        });
        const expected = times.map((t, id) => ({ t, id })).sort((a, b) => a.t - b.t || a.id - b.id);
        const out: number[] = [];
        while (q.size > 0) out.push(q.pop());
        expect(out).toEqual(expected.map((e) => e.id));
      }),
    );
  });
});
