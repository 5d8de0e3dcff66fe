import { describe, expect, it } from "vitest";
import { MessageDeque } from "./message-deque.ts";

describe("MessageDeque", () => {
  it("keeps FIFO order across growth, with front pushes first", () => {
    const d = new MessageDeque();
    for (let i = 0; i < 1000; i++) d.pushBack(i, i * 2, 0);
    for (let i = 0; i < 500; i++) d.dropFront();
    d.pushFront(-1, 7, 3);
    for (let i = 1000; i < 1600; i++) d.pushBack(i, i * 2, 0);
    expect(d.length).toBe(1101);
    expect([d.frontArrival(), d.frontDuration(), d.frontReceives()]).toEqual([-1, 7, 3]);
    d.dropFront();
    const arrivals = Array.from({ length: d.length }, (_, i) => d.arrivalAt(i));
    expect(arrivals).toEqual(Array.from({ length: 1100 }, (_, i) => 500 + i));
    expect(d.frontDuration()).toBe(1000);
  });
});
