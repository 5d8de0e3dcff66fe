import { describe, expect, it } from "vitest";
import { resolveApiBase, targetParam } from "./api.ts";
import { capacityHref, parseRoute, subjectHref, targetHref } from "./router.ts";

const at = (search: string) => ({ search, origin: "http://127.0.0.1:4000" });

describe("dashboard client", () => {
  it("takes the API from ?api=, else the page's origin", () => {
    expect(resolveApiBase(at("?api=https://x.example/prod/"))).toBe("https://x.example/prod");
    expect(resolveApiBase(at(""))).toBe("http://127.0.0.1:4000");
  });

  it("routes #/ and #/targets/{cluster}/{service}, and back", () => {
    expect(parseRoute("")).toEqual({ page: "fleet" });
    expect(parseRoute("#/targets/demo/web")).toEqual({ page: "target", id: "service/demo/web" });
    expect(targetHref("service/demo/orders-worker")).toBe("#/targets/demo/orders-worker");
    expect(targetParam("service/demo/a b")).toEqual({ cluster: "demo", service: "a%20b" });
    expect(() => targetParam("demo/web")).toThrow(/not an ECS service id/);
  });

  it("routes #/capacity/{group}, and links a log's subject to its page", () => {
    expect(parseRoute("#/capacity/demo-workers")).toEqual({ page: "capacity", name: "demo-workers" });
    expect(parseRoute(capacityHref("a b"))).toEqual({ page: "capacity", name: "a b" });
    expect(subjectHref("capacity/demo-workers")).toBe("#/capacity/demo-workers");
    expect(subjectHref("service/demo/web")).toBe("#/targets/demo/web");
  });
});
