import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.ts";
import { formatServiceId, parseServiceId } from "./service-id.ts";

describe("service ids", () => {
  it("parses and formats service/<cluster>/<service>", () => {
    expect(parseServiceId("service/prod/worker")).toEqual({ cluster: "prod", service: "worker" });
    expect(formatServiceId({ cluster: "prod", service: "worker" })).toBe("service/prod/worker");
  });

  it.each(["prod/worker", "service/prod", "service//worker", "service/prod/worker/x", "task/prod/worker"])(
    "rejects %s with a ValidationError naming the field",
    (id) => {
      const error = (() => {
        try {
          return parseServiceId(id, "ids[2]");
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ code: "ValidationError", field: "ids[2]" });
    },
  );
});
