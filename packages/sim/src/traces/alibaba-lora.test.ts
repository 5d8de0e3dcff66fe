import { describe, expect, it } from "vitest";
import { parseAlibabaLora, readAlibabaLora } from "./alibaba-lora.ts";
import { fixture, thrown } from "./fixtures/thrown.ts";

describe("readAlibabaLora", () => {
  it("counts every row whatever its status, with exec_time_seconds as durations", () => {
    const trace = readAlibabaLora(fixture("alibaba-genai-lora-requests"));
    expect(trace.name).toBe("alibaba-genai-lora-requests");
    expect(trace.startTime).toBe("2024-11-15T16:57:50Z");
    expect([...(trace.requests?.arrivals ?? [])]).toEqual([0, 0, 2, 11]);
    expect([...(trace.requests?.durations ?? [])]).toEqual([32, 3, 20, 21]);
    expect(trace.counts.length).toBe(12);
    expect(trace.counts[0]).toBe(2);
    expect(trace.processingTimeSeconds).toBeUndefined();
  });

  it("finds its columns by name and names the line of a bad value", () => {
    expect(thrown(() => parseAlibabaLora("gmt_create,status\nx,y\n", "a.csv")).message).toMatch(
      /a.csv:1: missing column "exec_time_seconds"/,
    );
    const text = "exec_time_seconds,gmt_create\n1.0,2024-11-15 16:57:50\n-2,2024-11-15 16:57:51\n";
    expect(thrown(() => parseAlibabaLora(text, "a.csv")).message).toBe(
      'a.csv:3: duration "-2" is not a non-negative number',
    );
  });
});
