import { describe, expect, it } from "vitest";
import { detectFormat, formatOfHeader } from "./detect-format.ts";
import { fixture, thrown } from "./fixtures/thrown.ts";

describe("detectFormat", () => {
  it("knows the shared-trace folders, and any file inside one, by the folder's name", () => {
    expect(detectFormat(fixture("worldcup98-per-minute"))).toEqual({
      format: "worldcup98-per-minute",
      path: fixture("worldcup98-per-minute"),
    });
    expect(detectFormat(fixture("azure-functions-2019/durations.csv"))).toEqual({
      format: "azure-functions-2019",
      path: fixture("azure-functions-2019"),
    });
  });

  it("sniffs other files by their first line", () => {
    const formatOf = (file: string) => detectFormat(fixture(file)).format;
    expect(formatOf("counts-per-minute.csv")).toBe("counts");
    expect(formatOf("requests-with-durations.csv")).toBe("requests");
    expect(formatOf("sniff/requests-iso.csv")).toBe("requests");
    expect(formatOf("sniff/worldcup-sample.csv")).toBe("worldcup98-per-minute");
    expect(formatOf("sniff/azure-invocations.csv")).toBe("azure-functions-2019");
    expect(formatOf("sniff/alibaba-sample.csv")).toBe("alibaba-genai-lora-requests");
    expect(formatOf("sniff/per-second.txt")).toBe("nasa-http-1995-per-second");
  });

  it("asks for a format when it cannot tell", () => {
    const error = thrown(() => detectFormat(fixture("sniff/unknown.csv")));
    expect(error.message).toMatch(
      /cannot tell the format of .*unknown.csv from its first line "when,how_many"/,
    );
    expect(error.field).toBe("format");
    expect(thrown(() => detectFormat(fixture("sniff"))).message).toMatch(
      /cannot tell which trace the folder/,
    );
  });

  it("reads headers case-insensitively", () => {
    expect(formatOfHeader("Time,Count\r")).toBe("counts");
    expect(formatOfHeader("gmt_create,x,exec_time_seconds")).toBe("alibaba-genai-lora-requests");
    expect(formatOfHeader("1 0 0 3")).toBe("nasa-http-1995-per-second");
    expect(formatOfHeader("count,time")).toBeUndefined();
  });
});
