import { describe, expect, it } from "vitest";
import { decodeActivityCursor, encodeActivityCursor } from "./activity-cursor.ts";
import { activityKey } from "./table-keys.ts";

describe("activity cursor", () => {
  it("round-trips a key and stays URL-safe", () => {
    const key = activityKey("service/a/b", "2026-11-22T12:00:00.000Z#x/y+z");
    const cursor = encodeActivityCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeActivityCursor(cursor, "service/a/b")).toEqual(key);
  });

  it("rejects cursors that are not base64url JSON keys of this target's activities", () => {
    const other = encodeActivityCursor({ pk: "TARGETS", sk: "TARGET#service/a/b" });
    for (const bad of ["", "a=b", "%%", "e30", other]) {
      expect(() => decodeActivityCursor(bad, "service/a/b")).toThrow(
        expect.objectContaining({ field: "cursor" }),
      );
    }
  });
});
